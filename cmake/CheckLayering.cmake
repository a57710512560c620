# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a layer reaches up or sideways: views must not include collectors; core must not
# include widgets, painting or OS headers. Run as: cmake -DSOURCE_DIR=... -P CheckLayering.cmake
set(violations "")

function(scan dir pattern why)
  if(NOT IS_DIRECTORY "${SOURCE_DIR}/${dir}")
    set(violations "${violations}\n  ${dir}: folder not found   (the layering check names it; update the check)"
        PARENT_SCOPE)
    return()
  endif()
  file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.cpp")
  foreach(f IN LISTS files)
    file(STRINGS "${f}" hits REGEX "${pattern}")
    foreach(hit IN LISTS hits)
      file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
      # Local first: PARENT_SCOPE alone leaves the local copy stale, and each hit would replace the last.
      set(violations "${violations}\n  ${rel}: ${hit}   (${why})")
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

scan(views "#include[ \t]*[<\"](\\.\\./)*collectors/" "views receive data, they never fetch it")
scan(core "#include[ \t]*<(QtWidgets|QWidget|QPainter|QtGui|QApplication|QNetwork[A-Za-z]*|linux/|sys/|netinet/|arpa/|net/|netlink/|windows\\.h|unistd\\.h|pcap)" "core is portable: QtCore + SQLite only")
scan(core "#include[ \t]*[<\"](\\.\\./)*(collectors|views|app)/" "core depends on nothing above it")
scan(collectors "#include[ \t]*[<\"](\\.\\./)*(views|app)/" "collectors never know the UI")
# One data path (docs/architecture.md): analysis takes values, never the store; views get snapshots.
foreach(domain stats passive active series trace mesh fleet nat trains load wifi timeline pcap)
  scan(core/${domain} "#include[ \t]*[<\"](\\.\\./)*core/store/" "analysis takes values, never rows or the store")
endforeach()
scan(views "#include[ \t]*[<\"]((\\.\\./)*core/store/|sqlite3)" "views receive snapshots; they never open the capture")

if(violations)
  message(FATAL_ERROR "Layering violations:${violations}")
endif()
message(STATUS "layering ok")
