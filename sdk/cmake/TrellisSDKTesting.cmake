# The SDK test host (sdk/testing) as targets built in the consumer's own project,
# with its own compiler and standard library: it ships as sources, not binaries.
#   Trellis::testing       loader, services stub, drivers; needs nlohmann_json
#   Trellis::testing_http  a real http_request service; needs cpp-httplib (pkg-config)
# trellis_sdk_testing_targets(INCLUDE_DIR SOURCE_DIR) defines them once; both
# are EXCLUDE_FROM_ALL, so a project that never links them never builds them.
include_guard(GLOBAL)

function(trellis_sdk_testing_targets include_dir source_dir)
  if(TARGET trellis_sdk_testing)
    return()
  endif()
  find_package(nlohmann_json 3 QUIET)
  find_package(Threads QUIET)
  if(NOT TARGET nlohmann_json::nlohmann_json OR NOT TARGET Threads::Threads)
    message(STATUS "TrellisSDK: Trellis::testing needs nlohmann_json 3 and threads; not defined")
    return()
  endif()
  set(sources text_sink.cpp cancel_flag.cpp host_stub.cpp loader.cpp package.cpp course_model.cpp import_run.cpp
              connector_run.cpp export_run.cpp loaded_plugin.cpp importer.cpp connector.cpp exporter.cpp)
  list(TRANSFORM sources PREPEND "${source_dir}/")
  add_library(trellis_sdk_testing STATIC EXCLUDE_FROM_ALL ${sources})
  target_include_directories(trellis_sdk_testing PUBLIC "${include_dir}")
  target_compile_features(trellis_sdk_testing PUBLIC cxx_std_17)
  set_target_properties(trellis_sdk_testing PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_link_libraries(trellis_sdk_testing PUBLIC Trellis::sdk nlohmann_json::nlohmann_json Threads::Threads ${CMAKE_DL_LIBS})
  add_library(Trellis::testing ALIAS trellis_sdk_testing)

  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(TRELLIS_TESTING_HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
  endif()
  if(TARGET PkgConfig::TRELLIS_TESTING_HTTPLIB)
    add_library(trellis_sdk_testing_http STATIC EXCLUDE_FROM_ALL "${source_dir}/real_http.cpp")
    set_target_properties(trellis_sdk_testing_http PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_link_libraries(trellis_sdk_testing_http PUBLIC trellis_sdk_testing PkgConfig::TRELLIS_TESTING_HTTPLIB)
    add_library(Trellis::testing_http ALIAS trellis_sdk_testing_http)
  endif()
endfunction()
