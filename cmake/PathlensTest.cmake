# SPDX-License-Identifier: GPL-3.0-or-later
# pathlens_add_test(NAME name SOURCES ... LIBS ... LABELS unit|component|gui|lab|bench [TIMEOUT s])
# One Qt Test executable per unit, registered with CTest under its label.
function(pathlens_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE PATHLENS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
                                               PATHLENS_BINARY_DIR="${PROJECT_BINARY_DIR}")
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
