// plugin.json: what a plugin is, readable without loading its library.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace trellis::plugins {

struct SettingSpec {
  std::string name;
  std::string type;  // "string", "integer", "boolean", "url", "secret"
  nlohmann::json default_value;  // null when the setting has no default
  std::string description;
  // Without a value (stored, or a non-empty default) the plugin has nothing to
  // work on: a connector is then "not configured" and not synced.
  bool required = false;
};

struct Dependency {
  std::string id;
  std::string version_range;  // "*" when any version will do
};

struct PluginManifest {
  std::string id, name, version, publisher, license, description;
  int abi_major = 0, abi_minor = 0;
  std::vector<std::string> capabilities;  // "trellis.importer/1", ...
  std::string host_version;               // a range, e.g. ">=0.1.0 <1.0.0"
  std::vector<Dependency> dependencies;
  std::string os, arch;
  std::string library;  // file name beside plugin.json
  std::string sha256;   // of the library, lower-case hex
  std::vector<SettingSpec> settings;

  const SettingSpec* setting(std::string_view key) const;
};

// The names of the `required` settings that `stored` (the plugin's stored
// settings) leaves without a value, in declaration order.
std::vector<std::string> unset_required_settings(const PluginManifest& manifest,
                                                 const std::map<std::string, std::string>& stored);

// Parses and checks every field; the message names the field and `where`.
Result<PluginManifest> parse_manifest(std::string_view text, const std::string& where);
// Reads <folder>/plugin.json.
Result<PluginManifest> read_manifest(const std::filesystem::path& folder);

// The os/arch strings this host's own plugins are built with ("linux", "x86_64").
std::string host_os();
std::string host_arch();

}  // namespace trellis::plugins
