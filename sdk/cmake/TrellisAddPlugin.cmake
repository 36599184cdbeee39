# trellis_add_plugin(<target>
#   ID <id> VERSION <semver> [NAME <display name>] [PUBLISHER <who>] [LICENSE <spdx>]
#   [DESCRIPTION <text>] [HOST_VERSION <range, e.g. ">=0.1.0 <1.0.0">]
#   CAPABILITIES <id/rev>... [DEPENDS <plugin-id>[@<range>]...]
#   [SETTINGS <settings.json>]   # JSON array of {name, type, default, description, required}
#   [OUTPUT_DIR <dir>]           # where the library and plugin.json go
#   [INSTALL_DESTINATION <dir>]  # install() the plugin folder there
#   SOURCES <files>...)
#
# Builds a MODULE library that exports only trellis_plugin_entry_v1 (hidden
# visibility plus a version script) and has no undefined symbols, then writes
# plugin.json beside it with the library's SHA-256. The folder OUTPUT_DIR is what
# `trellis plugin install` takes. The sources see TRELLIS_PLUGIN_ID and
# TRELLIS_PLUGIN_VERSION, the ID and VERSION given here, as string literals.
include_guard(GLOBAL)

if(NOT DEFINED TRELLIS_SDK_ABI_MAJOR)
  set(TRELLIS_SDK_ABI_MAJOR ${TRELLIS_ABI_MAJOR})
  set(TRELLIS_SDK_ABI_MINOR ${TRELLIS_ABI_MINOR})
  set(TRELLIS_SDK_HOST_VERSION ${PROJECT_VERSION})
endif()
set(_TRELLIS_SDK_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

function(trellis_add_plugin target)
  cmake_parse_arguments(P ""
    "ID;VERSION;NAME;PUBLISHER;LICENSE;DESCRIPTION;HOST_VERSION;SETTINGS;OUTPUT_DIR;INSTALL_DESTINATION"
    "CAPABILITIES;DEPENDS;SOURCES" ${ARGN})
  foreach(required ID VERSION CAPABILITIES SOURCES)
    if(NOT P_${required})
      message(FATAL_ERROR "trellis_add_plugin(${target}): ${required} is required")
    endif()
  endforeach()
  if(NOT P_NAME)
    set(P_NAME ${P_ID})
  endif()
  if(NOT P_HOST_VERSION)
    set(P_HOST_VERSION ">=${TRELLIS_SDK_HOST_VERSION}")
  endif()
  if(NOT P_OUTPUT_DIR)
    if(DEFINED TRELLIS_PLUGIN_OUTPUT_DIR)
      set(P_OUTPUT_DIR ${TRELLIS_PLUGIN_OUTPUT_DIR}/${P_ID})
    else()
      set(P_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/${P_ID})
    endif()
  endif()

  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE Trellis::sdk)
  # The id and version are written once, here: the code names them as
  # TRELLIS_PLUGIN(Class, TRELLIS_PLUGIN_ID, TRELLIS_PLUGIN_VERSION).
  target_compile_definitions(${target} PRIVATE "TRELLIS_PLUGIN_ID=\"${P_ID}\"" "TRELLIS_PLUGIN_VERSION=\"${P_VERSION}\"")
  set(version_script ${CMAKE_CURRENT_BINARY_DIR}/${target}.exports)
  file(WRITE ${version_script} "{ global: trellis_plugin_entry_v1; local: *; };\n")
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "trellis-${P_ID}"
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(${target} PRIVATE "LINKER:--version-script=${version_script}")
    # A plugin must not need the host's symbols; sanitizer builds are the exception,
    # their runtime comes from the host executable.
    if(NOT TRELLIS_SANITIZE)
      target_link_options(${target} PRIVATE "LINKER:-z,defs")
    endif()
  endif()

  string(REPLACE ";" "|" caps "${P_CAPABILITIES}")
  string(REPLACE ";" "|" deps "${P_DEPENDS}")
  set(settings "")
  if(P_SETTINGS)
    get_filename_component(settings "${P_SETTINGS}" ABSOLUTE)
    # plugin.json is written after the link: relink when the settings change,
    # or the manifest keeps the old ones.
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${settings}")
  endif()
  string(TOLOWER "${CMAKE_SYSTEM_NAME}" os)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND}
      "-DLIBRARY=$<TARGET_FILE:${target}>"
      "-DOUT=${P_OUTPUT_DIR}/plugin.json"
      "-DID=${P_ID}" "-DVERSION=${P_VERSION}" "-DNAME=${P_NAME}"
      "-DPUBLISHER=${P_PUBLISHER}" "-DLICENSE=${P_LICENSE}" "-DDESCRIPTION=${P_DESCRIPTION}"
      "-DHOST_VERSION=${P_HOST_VERSION}" "-DCAPABILITIES=${caps}" "-DDEPENDS=${deps}"
      "-DSETTINGS=${settings}" "-DABI_MAJOR=${TRELLIS_SDK_ABI_MAJOR}" "-DABI_MINOR=${TRELLIS_SDK_ABI_MINOR}"
      "-DOS=${os}" "-DARCH=${CMAKE_SYSTEM_PROCESSOR}"
      -P "${_TRELLIS_SDK_CMAKE_DIR}/TrellisWriteManifest.cmake"
    COMMENT "Writing plugin.json for ${P_ID}"
    VERBATIM)

  if(P_INSTALL_DESTINATION)
    install(TARGETS ${target} LIBRARY DESTINATION ${P_INSTALL_DESTINATION}/${P_ID})
    install(FILES ${P_OUTPUT_DIR}/plugin.json DESTINATION ${P_INSTALL_DESTINATION}/${P_ID})
  endif()
  set_property(TARGET ${target} PROPERTY TRELLIS_PLUGIN_DIR ${P_OUTPUT_DIR})
endfunction()
