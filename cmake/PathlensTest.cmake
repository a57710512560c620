# SPDX-License-Identifier: GPL-3.0-or-later
# pathlens_add_test(NAME name SOURCES ... LIBS ... LABELS unit|component|gui|lab|bench [TIMEOUT s])
# One Qt Test executable per unit, registered with CTest under its label.

# Precompiled headers shared by the tests of one folder. A test's own source is small; the Qt Test,
# Qt and spdlog headers it includes cost most of its compile time, once per test (about 280 files).
# GCC takes a header precompiled with the same macros only, and Qt's test and module headers test
# QT_*_LIB and QT_TESTCASE_BUILDDIR (one value per folder), so there is one header per folder and
# flavour: widgets for tests that link the views, plain for the rest. A test whose macros differ
# still builds, from the headers themselves (GCC falls back silently; clang would refuse, so GCC only).

# What every test of a flavour links, so that its macros match its folder's precompiled header
# (the views bring Qt Network only with WebEngine).
set(PATHLENS_TEST_PLAIN_LIBS Qt6::Test Qt6::Network Qt6::Concurrent spdlog::spdlog)
set(PATHLENS_TEST_WIDGETS_LIBS Qt6::Test Qt6::Network pathlens::views)

function(pathlens_test_pch_target out_var libs)
  set(flavour plain)
  if("pathlens::views" IN_LIST libs)
    set(flavour widgets)
  endif()
  string(MD5 folder_id "${CMAKE_CURRENT_SOURCE_DIR}")
  string(SUBSTRING "${folder_id}" 0 8 folder_id)
  set(pch pathlens_test_pch_${flavour}_${folder_id})
  if(NOT TARGET ${pch})
    add_library(${pch} OBJECT ${PROJECT_SOURCE_DIR}/cmake/test_pch_anchor.cpp)
    if(flavour STREQUAL "widgets")
      target_link_libraries(${pch} PRIVATE ${PATHLENS_TEST_WIDGETS_LIBS})
      target_precompile_headers(${pch} PRIVATE <QtTest/QtTest> <QtWidgets/QtWidgets> <spdlog/spdlog.h>)
    else()
      target_link_libraries(${pch} PRIVATE ${PATHLENS_TEST_PLAIN_LIBS})
      target_precompile_headers(${pch} PRIVATE <QtTest/QtTest> <QtNetwork/QtNetwork> <spdlog/spdlog.h>)
    endif()
    pathlens_test_definitions(${pch})
  endif()
  set(${out_var} ${pch} PARENT_SCOPE)
endfunction()

function(pathlens_test_definitions target)
  target_compile_definitions(${target} PRIVATE PATHLENS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
                                               PATHLENS_BINARY_DIR="${PROJECT_BINARY_DIR}")
endfunction()

function(pathlens_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  pathlens_test_definitions(${T_NAME})
  if("pathlens::views" IN_LIST T_LIBS)
    target_link_libraries(${T_NAME} PRIVATE ${PATHLENS_TEST_WIDGETS_LIBS})
  else()
    target_link_libraries(${T_NAME} PRIVATE ${PATHLENS_TEST_PLAIN_LIBS})
  endif()
  # A test with Qt GUI but not the views (QT_GUI_LIB) matches neither header: it compiles without one.
  set(own_gui FALSE)
  if(NOT "pathlens::views" IN_LIST T_LIBS AND ("Qt6::Gui" IN_LIST T_LIBS OR "Qt6::Widgets" IN_LIST T_LIBS))
    set(own_gui TRUE)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT own_gui)
    pathlens_test_pch_target(pch "${T_LIBS}")
    target_precompile_headers(${T_NAME} REUSE_FROM ${pch})
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  # Tests never reach the default public targets: the switch replaces them with loopback. Apps they
  # start never hand over to a Pathlens the developer has open (tst_app_instance unsets the switch),
  # and speak English whatever the desktop's language (tst_german_ui asks for German itself).
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
                       ENVIRONMENT "PATHLENS_TARGETS=loopback;QT_QPA_PLATFORM=offscreen;PATHLENS_MULTI_INSTANCE=1;PATHLENS_LANG=en;${T_ENV}")
endfunction()
