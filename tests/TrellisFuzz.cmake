# trellis_add_fuzzer(NAME SOURCES ... [LIBS ...] [SEEDS <dir>]): a libFuzzer target,
# built only with -DTRELLIS_FUZZ=ON and clang (in its own build folder: the whole
# tree is then instrumented). `cmake --build <dir> --target fuzz` builds them all
# into <dir>/fuzz/; .ci/fuzz runs each briefly, starting from its seed folder.
if(TRELLIS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TRELLIS_FUZZ needs clang (CC=clang CXX=clang++)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  add_custom_target(fuzz)
endif()

function(trellis_add_fuzzer name)
  cmake_parse_arguments(F "" "SEEDS" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${F_SOURCES})
  trellis_project_warnings(${name})
  target_link_libraries(${name} PRIVATE ${F_LIBS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
  if(F_SEEDS)
    file(WRITE ${CMAKE_BINARY_DIR}/fuzz/${name}.seeds "${F_SEEDS}\n")
  endif()
  add_dependencies(fuzz ${name})
endfunction()
