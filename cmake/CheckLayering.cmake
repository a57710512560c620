# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a layer reaches up or sideways: views must not include collectors; core must not
# include widgets, painting or OS headers; analysis never takes the store; pathlens-helper carries
# only the wire protocol. Run as: cmake -DSOURCE_DIR=... -P CheckLayering.cmake
cmake_policy(SET CMP0057 NEW)  # if(... IN_LIST ...) in script mode
set(violations "")

# Every #include line matching `pattern` in dir's .h/.cpp files is a violation, unless it also
# matches the optional fourth argument (an allowed exception).
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
      if(ARGC GREATER 3 AND hit MATCHES "${ARGV3}")
        continue()
      endif()
      file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
      # Local first: PARENT_SCOPE alone leaves the local copy stale, and each hit would replace the last.
      set(violations "${violations}\n  ${rel}: ${hit}   (${why})")
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

# The words inside one call "command(target a b c)", target and keywords (PRIVATE, STATIC, …) left out.
function(call_arguments call out_var)
  set(ws "[ \t\r\n]")
  string(REGEX REPLACE "^[a-z_]+${ws}*\\(${ws}*[^ \t\r\n]+${ws}+" "" args "${call}")
  string(REGEX REPLACE "\\)$" "" args "${args}")
  string(REGEX REPLACE "${ws}+" ";" args "${args}")
  set(words "")
  foreach(word IN LISTS args)
    if(NOT word STREQUAL "" AND NOT word MATCHES
       "^(PRIVATE|PUBLIC|INTERFACE|STATIC|SHARED|OBJECT|MODULE|WIN32|MACOSX_BUNDLE|EXCLUDE_FROM_ALL)$")
      list(APPEND words "${word}")
    endif()
  endforeach()
  set(${out_var} "${words}" PARENT_SCOPE)
endfunction()

# What `target` is given in `cmake_file` (relative to SOURCE_DIR): every library named by its
# target_link_libraries calls must be in ARGN (the allowed list), and every source named by its
# add_executable/add_library/target_sources calls must match `sources` (so code of ours cannot come in
# as a source file instead of a library). The file is read as one string, so calls that span lines
# count; comments are dropped first.
function(check_target cmake_file target why sources)
  file(READ "${SOURCE_DIR}/${cmake_file}" text)
  string(REGEX REPLACE "#[^\n]*" "" text "${text}")
  list(JOIN ARGN ", " allowed)
  set(found "")
  set(ws "[ \t\r\n]")
  string(REGEX MATCHALL "target_link_libraries${ws}*\\(${ws}*${target}${ws}[^)]*\\)" calls "${text}")
  foreach(call IN LISTS calls)
    call_arguments("${call}" libs)
    foreach(lib IN LISTS libs)
      if(NOT lib IN_LIST ARGN)
        set(found "${found}\n  ${cmake_file}: ${target} links ${lib}   (${why}; it may link only ${allowed})")
      endif()
    endforeach()
  endforeach()
  string(REGEX MATCHALL "(add_executable|add_library|target_sources)${ws}*\\(${ws}*${target}${ws}[^)]*\\)" calls
         "${text}")
  if(NOT calls)
    # Renamed, moved to another file or spelt in capitals: the rule would check nothing.
    set(found "${found}\n  ${cmake_file}: no add_executable/add_library(${target} …) found   (${why}; the check reads this file only, in lower-case commands)")
  endif()
  foreach(call IN LISTS calls)
    call_arguments("${call}" srcs)
    foreach(src IN LISTS srcs)
      if(NOT src MATCHES "${sources}")
        set(found "${found}\n  ${cmake_file}: ${target} compiles ${src}   (${why}; its sources must match ${sources})")
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}${found}" PARENT_SCOPE)
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

# pathlens-helper is the one binary the installers setcap, so it carries as little code as possible: it
# links the wire protocol library and system libraries only, includes no other code of ours, and the
# wire library itself stays free of the rest of collectors/ and of core/.
set(helper_why "pathlens-helper carries only the wire protocol")
check_target(app/helper/CMakeLists.txt pathlens-helper "${helper_why}" "^[A-Za-z0-9_]+\\.(cpp|h)$"
             pathlens::wire Threads::Threads)
check_target(collectors/CMakeLists.txt pathlens_wire "${helper_why}" "^wire/[A-Za-z0-9_]+\\.(cpp|h)$"
             Qt6::Core Threads::Threads)
set(our_code "#include[ \t]*[<\"](\\.\\./)*(core|collectors|views|app)/")
set(wire_header "#include[ \t]*[<\"](\\.\\./)*collectors/wire/[A-Za-z0-9_]+\\.h[>\"]")
scan(app/helper "${our_code}" "${helper_why}" "${wire_header}")
scan(collectors/wire "${our_code}" "${helper_why}" "${wire_header}")

if(violations)
  message(FATAL_ERROR "Layering violations:${violations}")
endif()
message(STATUS "layering ok")
