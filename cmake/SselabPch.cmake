# Precompiled headers. Parsing the standard library's headers is 1.5 s of a typical
# translation unit, GoogleTest's another second; both builds of CI compile ~270 of them.
#
# A .gch is valid only under the flags it was built with (GCC refuses one built with -fPIC
# in a -fPIE compile), so there is one donor target per kind of compile and every other
# target reuses its donor's file: libraries (-fPIC), executables (-fPIE), and tests
# (-fPIE, GoogleTest's headers too). Only headers from outside the project go in: a
# project header would rebuild every file on each change to it.
#
# Unity batches (sselab_unity): where many files of a target include the same heavy
# header-only library, CMake compiles them a few at a time in one translation unit, so that
# the library's inline code is compiled once per batch instead of once per file.
#
# -DSSELAB_PCH=OFF builds without either: that is the check that each file includes what it
# uses (the installed headers are compiled without any PCH by their users), and the build
# whose compile_commands.json names every file (clang-tidy, clangd).
option(SSELAB_PCH "Precompile the standard library's and GoogleTest's headers; unity batches"
       ON)

set(SSELAB_PCH_STD
    <algorithm> <array> <chrono> <cstddef> <cstdint> <cstdio> <cstdlib> <cstring>
    <filesystem> <fstream> <functional> <map> <memory> <optional> <random> <set> <span>
    <sstream> <string> <string_view> <unordered_map> <utility> <vector>)

# The donors; called once, after the compile options every target shares are set.
function(sselab_pch_donors)
  if(NOT SSELAB_PCH)
    return()
  endif()
  set(dir ${PROJECT_SOURCE_DIR}/cmake/pch)
  add_library(sselab_pch_library OBJECT ${dir}/library.cc)
  add_executable(sselab_pch_program ${dir}/program.cc)
  foreach(t sselab_pch_library sselab_pch_program)
    sselab_warnings(${t})
    target_precompile_headers(${t} PRIVATE ${SSELAB_PCH_STD})
  endforeach()
  if(SSELAB_BUILD_TESTS)
    add_executable(sselab_pch_test ${dir}/library.cc)
    target_link_libraries(sselab_pch_test PRIVATE GTest::gtest GTest::gtest_main GTest::gmock)
    sselab_warnings(sselab_pch_test)
    sselab_test_optimization(sselab_pch_test)
    target_precompile_headers(sselab_pch_test PRIVATE ${SSELAB_PCH_STD} <gtest/gtest.h>
                              <gmock/gmock.h>)
  endif()
endfunction()

# sselab_pch(TARGET [TEST]): TARGET reuses the donor's headers that match its kind.
function(sselab_pch TARGET)
  if(NOT SSELAB_PCH)
    return()
  endif()
  cmake_parse_arguments(ARG "TEST" "" "" ${ARGN})
  get_target_property(type ${TARGET} TYPE)
  if(ARG_TEST)
    set(donor sselab_pch_test)
  elseif(type STREQUAL "EXECUTABLE")
    set(donor sselab_pch_program)
  else()
    set(donor sselab_pch_library)
  endif()
  target_precompile_headers(${TARGET} REUSE_FROM ${donor})
endfunction()

# sselab_unity(TARGET SIZE): TARGET's files compiled SIZE to a translation unit.
function(sselab_unity TARGET SIZE)
  if(SSELAB_PCH)
    set_target_properties(${TARGET} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${SIZE})
  endif()
endfunction()
