# trellis_add_test(NAME SOURCES a_test.cpp ... [LIBS ...]): one Catch2 executable
# beside the code it tests, registered with ctest test by test.
add_library(trellis_catch_main STATIC ${CMAKE_CURRENT_LIST_DIR}/catch_main.cpp)
target_link_libraries(trellis_catch_main PUBLIC Catch2::Catch2)
target_include_directories(trellis_catch_main PUBLIC ${CMAKE_CURRENT_LIST_DIR})

# Catch2's single header and nlohmann/json are most of every test file's parse
# time: one precompiled header, made once and reused by every test executable.
# An executable like the tests, so its header is compiled with their flags (-fPIE).
add_executable(trellis_test_pch ${CMAKE_CURRENT_LIST_DIR}/test_pch.cpp)
target_link_libraries(trellis_test_pch PRIVATE Catch2::Catch2 nlohmann_json::nlohmann_json)
trellis_project_warnings(trellis_test_pch)
trellis_pch_warning_workaround(trellis_test_pch)
target_precompile_headers(trellis_test_pch PRIVATE <catch2/catch.hpp> <nlohmann/json.hpp>
  <filesystem> <map> <string> <vector>)

set(TRELLIS_SHARED_DIR "${CMAKE_SOURCE_DIR}/../shared" CACHE PATH
    "The shared conformance material; tests that need it skip when it is absent")

function(trellis_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  trellis_project_warnings(${name})
  target_link_libraries(${name} PRIVATE trellis_catch_main ${T_LIBS})
  target_link_libraries(${name} PRIVATE nlohmann_json::nlohmann_json)
  target_precompile_headers(${name} REUSE_FROM trellis_test_pch)
  trellis_pch_warning_workaround(${name})
  target_compile_definitions(${name} PRIVATE
    TRELLIS_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    TRELLIS_BINARY_DIR="${CMAKE_BINARY_DIR}"
    TRELLIS_SHARED_DIR="${TRELLIS_SHARED_DIR}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  # -w NoTests: a name ctest mangles (e.g. one with a ";") must fail, not pass empty.
  # 77: a test that called TRELLIS_SKIP (test_skip.hpp) is reported Skipped, not Passed.
  catch_discover_tests(${name} TEST_PREFIX "${name}:" EXTRA_ARGS -w NoTests
                       PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
endfunction()

# Benchmarks: `make bench` builds them all, then runs each in turn through
# tests/bench/run-benchmarks, which runs every one even after a failure and
# fails when any missed its target; `bench_programs` only builds them (CI, so
# they keep compiling). `run_<name>` runs one.
add_custom_target(bench_programs)
add_custom_target(bench
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/bench/run-benchmarks ${CMAKE_BINARY_DIR}/bench
  USES_TERMINAL)
add_dependencies(bench bench_programs)

function(trellis_add_bench name)
  cmake_parse_arguments(B "" "" "SOURCES;LIBS;DEPENDS" ${ARGN})
  # Built by `make bench` only: `make test` and `make run` do not wait for them.
  add_executable(${name} EXCLUDE_FROM_ALL ${B_SOURCES})
  trellis_project_warnings(${name})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/bench)
  target_link_libraries(${name} PRIVATE trellis_test_support ${B_LIBS})
  target_compile_definitions(${name} PRIVATE TRELLIS_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    TRELLIS_BINARY_DIR="${CMAKE_BINARY_DIR}" TRELLIS_SHARED_DIR="${TRELLIS_SHARED_DIR}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  add_dependencies(${name} trellis ${B_DEPENDS})
  add_custom_target(run_${name} COMMAND ${name} DEPENDS ${name} USES_TERMINAL)
  add_dependencies(bench_programs ${name})
endfunction()

