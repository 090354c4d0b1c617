# sselab_module(NAME SOURCES ... HEADERS ... DEPS ...)
#   One library per layer folder: target sselab_<NAME>, alias sselab::<NAME>, exported.
#   Headers install under include/sselab/<folder>/..., so in-tree `#include "crypto/prf.h"`
#   becomes `#include <sselab/crypto/prf.h>` for an installed user (the include root
#   include/sselab is on the interface include path too, so both spellings work).
set(SSELAB_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    # Designated initializers leave the rest at their defaults on purpose.
    -Wno-missing-field-initializers)
# GCC 12's -Wrestrict, -Warray-bounds, -Wstringop-overread, -Wstringop-overflow and
# -Wmaybe-uninitialized fire inside libstdc++'s own string/vector/optional code at -O2
# (GCC bugs 105329, 105651, 107138, 106199); they say nothing about our code, so they are off for GCC 12 only.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND SSELAB_WARNINGS -Wno-restrict -Wno-array-bounds -Wno-maybe-uninitialized
       -Wno-stringop-overread -Wno-stringop-overflow)
endif()

function(sselab_module NAME)
  cmake_parse_arguments(ARG "" "" "SOURCES;HEADERS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(sselab_${NAME} ${ARG_SOURCES})
  add_library(sselab::${NAME} ALIAS sselab_${NAME})
  set_target_properties(sselab_${NAME} PROPERTIES EXPORT_NAME ${NAME} OUTPUT_NAME sselab_${NAME})
  target_include_directories(sselab_${NAME} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/sselab>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(sselab_${NAME} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  sselab_target_defaults(sselab_${NAME})
  sselab_unity(sselab_${NAME} 4)
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  foreach(h ${ARG_HEADERS})
    get_filename_component(hdir ${h} DIRECTORY)
    install(FILES ${h} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sselab/${rel}/${hdir})
  endforeach()
  install(TARGETS sselab_${NAME} EXPORT sselabTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  set_property(GLOBAL APPEND PROPERTY SSELAB_MODULE_LIST sselab_${NAME})
endfunction()

function(sselab_warnings TARGET)
  target_compile_options(${TARGET} PRIVATE ${SSELAB_WARNINGS})
  if(SSELAB_WERROR)
    target_compile_options(${TARGET} PRIVATE -Werror)
  endif()
endfunction()

# Test code is compiled at -O1 in an optimised build. It drives libraries built at the
# build type's level, and -O3 costs a third more compile time on GoogleTest-heavy files for
# a suite that runs no faster. Benchmarks and programs keep the build type's level.
function(sselab_test_optimization TARGET)
  if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$")
    target_compile_options(${TARGET} PRIVATE -O1)
  endif()
endfunction()

# sselab_optimize_under_sanitizers(TARGET): -O2 over the sanitizer build's -O1, for the
# arithmetic most of the sanitized suite's time goes to. Such a target compiles without the
# precompiled headers: a .gch built at -O1 crashes GCC 12 in a file compiled at -O2.
#
# It is also compiled without ASan's use-after-scope check, the one check it drops. The
# field arithmetic passes the addresses of thousands of short-lived locals (each Fp of an
# Fp2 product) to the Montgomery routines, and poisoning and unpoisoning each one at its
# scope's ends took half of a pairing's time under the sanitizers (LabLinksTest's HL'17
# test: 22.5 s, 11.6 s without). Stack, heap and global bounds, use after free, leaks and
# UBSan's checks stay on here, and use-after-scope stays on for the rest of the project.
function(sselab_optimize_under_sanitizers TARGET)
  if(SSELAB_SANITIZE)
    target_compile_options(${TARGET} PRIVATE -O2 -fno-sanitize-address-use-after-scope)
    set_target_properties(${TARGET} PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
  endif()
endfunction()

# sselab_target_defaults(TARGET [TEST]): what every target of the project gets, the
# warnings and the precompiled headers of its kind (SselabPch.cmake); TEST for test code.
function(sselab_target_defaults TARGET)
  cmake_parse_arguments(ARG "TEST" "" "" ${ARGN})
  sselab_warnings(${TARGET})
  if(ARG_TEST)
    sselab_test_optimization(${TARGET})
  endif()
  sselab_pch(${TARGET} ${ARGN})
endfunction()

# sselab_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
function(sselab_test NAME)
  if(NOT SSELAB_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${NAME} ${ARG_SOURCES})
  target_link_libraries(${NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  sselab_target_defaults(${NAME} TEST)
  sselab_unity(${NAME} 4)
  set_target_properties(${NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  gtest_discover_tests(${NAME} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "SSELAB_BIN=${CMAKE_BINARY_DIR}/bin")
endfunction()
