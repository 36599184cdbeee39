#include "plugins/manifest.hpp"

#include <sys/utsname.h>

#include <cstdio>
#include <memory>

#include "core/semver.hpp"
#include "json/bounded_parse.hpp"

namespace trellis::plugins {
namespace {

Error bad(const std::string& where, const std::string& what) {
  return make_error(ErrorKind::invalid_input, where + ": " + what);
}

// Plain character checks rather than std::regex: the host reads every
// plugin.json at each start, and libstdc++'s regex matcher costs microseconds
// per call.
bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool id_char(char c) { return lower_alnum(c) || c == '.' || c == '_' || c == '-'; }

// [a-z0-9][a-z0-9._-]{0,63}
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || !lower_alnum(id.front())) return false;
  for (char c : id)
    if (!id_char(c)) return false;
  return true;
}

// [0-9a-f]{64}
bool lower_hex_sha256(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// [a-z0-9._-]+/[0-9]+, e.g. trellis.importer/1
bool valid_capability_id(std::string_view s) {
  auto slash = s.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == s.size()) return false;
  for (char c : s.substr(0, slash))
    if (!id_char(c)) return false;
  for (char c : s.substr(slash + 1))
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

const SettingSpec* PluginManifest::setting(std::string_view key) const {
  for (const auto& s : settings)
    if (s.name == key) return &s;
  return nullptr;
}

std::string host_os() { return "linux"; }

std::string host_arch() {
  static const std::string arch = [] {
    utsname u{};
    return uname(&u) == 0 ? std::string(u.machine) : std::string("unknown");
  }();
  return arch;
}

Result<PluginManifest> parse_manifest(std::string_view text, const std::string& where) {
  const nlohmann::json j = parse_json_or_discarded(text, kRequestJson);
  if (!j.is_object()) return bad(where, "is not a JSON object");
  PluginManifest m;
  auto str = [&](const char* key, std::string& out, bool required) -> Status {
    auto it = j.find(key);
    if (it == j.end()) {
      if (required) return bad(where, std::string("field '") + key + "' is missing");
      return {};
    }
    if (!it->is_string()) return bad(where, std::string("field '") + key + "' must be a string");
    out = it->get_ref<const std::string&>();
    if (required && out.empty()) return bad(where, std::string("field '") + key + "' is empty");
    return {};
  };
  TRELLIS_TRY(str("id", m.id, true));
  TRELLIS_TRY(str("name", m.name, false));
  TRELLIS_TRY(str("version", m.version, true));
  TRELLIS_TRY(str("publisher", m.publisher, false));
  TRELLIS_TRY(str("license", m.license, false));
  TRELLIS_TRY(str("description", m.description, false));
  TRELLIS_TRY(str("host_version", m.host_version, false));
  TRELLIS_TRY(str("os", m.os, true));
  TRELLIS_TRY(str("arch", m.arch, true));
  TRELLIS_TRY(str("library", m.library, true));
  TRELLIS_TRY(str("sha256", m.sha256, true));
  if (m.name.empty()) m.name = m.id;
  if (m.host_version.empty()) m.host_version = "*";
  if (!valid_id(m.id)) return bad(where, "id '" + m.id + "' must match [a-z0-9][a-z0-9._-]*");
  if (!parse_semver(m.version)) return bad(where, "version '" + m.version + "' is not a semantic version");
  if (!satisfies(SemVer{}, m.host_version)) return bad(where, "host_version '" + m.host_version + "' is not a version range");
  if (m.library.find('/') != std::string::npos || m.library == "." || m.library == "..")
    return bad(where, "library must be a file name beside plugin.json, not '" + m.library + "'");
  if (!lower_hex_sha256(m.sha256)) return bad(where, "sha256 must be 64 lower-case hex digits");

  if (!j.contains("abi") || !j["abi"].is_object() || !j["abi"].contains("major") || !j["abi"]["major"].is_number_integer())
    return bad(where, "field 'abi' must be {\"major\": N, \"minor\": M}");
  m.abi_major = j["abi"]["major"].get<int>();
  m.abi_minor = j["abi"].value("minor", 0);

  if (!j.contains("capabilities") || !j["capabilities"].is_array() || j["capabilities"].empty())
    return bad(where, "field 'capabilities' must be a non-empty array of capability ids");
  for (const auto& c : j["capabilities"]) {
    if (!c.is_string() || !valid_capability_id(c.get<std::string>()))
      return bad(where, "capability " + c.dump() + " must look like 'trellis.importer/1'");
    m.capabilities.push_back(c.get<std::string>());
  }

  if (j.contains("dependencies")) {
    if (!j["dependencies"].is_array()) return bad(where, "field 'dependencies' must be an array");
    for (const auto& d : j["dependencies"]) {
      if (!d.is_object() || !d.contains("id") || !d["id"].is_string())
        return bad(where, "each dependency must be {\"id\": ..., \"version\": ...}");
      Dependency dep{d["id"].get<std::string>(), d.value("version", std::string("*"))};
      if (!satisfies(SemVer{}, dep.version_range))
        return bad(where, "dependency '" + dep.id + "' has an invalid version range '" + dep.version_range + "'");
      m.dependencies.push_back(dep);
    }
  }

  if (j.contains("settings")) {
    if (!j["settings"].is_array()) return bad(where, "field 'settings' must be an array");
    for (const auto& s : j["settings"]) {
      if (!s.is_object() || !s.contains("name") || !s["name"].is_string())
        return bad(where, "each setting must be an object with a 'name'");
      SettingSpec spec;
      spec.name = s["name"].get<std::string>();
      spec.type = s.value("type", std::string("string"));
      spec.default_value = s.contains("default") ? s["default"] : nlohmann::json();
      spec.description = s.value("description", std::string());
      if (s.contains("required")) {
        if (!s["required"].is_boolean()) return bad(where, "setting '" + spec.name + "': 'required' must be true or false");
        spec.required = s["required"].get<bool>();
      }
      if (spec.type != "string" && spec.type != "integer" && spec.type != "boolean" && spec.type != "url" &&
          spec.type != "secret")
        return bad(where, "setting '" + spec.name + "' has unknown type '" + spec.type + "'");
      m.settings.push_back(std::move(spec));
    }
  }
  return m;
}

Result<PluginManifest> read_manifest(const std::filesystem::path& folder) {
  auto file = folder / "plugin.json";
  std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!in) return make_error(ErrorKind::invalid_input, file.string() + ": no plugin.json (is this a plugin folder?)");
  std::string text;
  char buffer[8192];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, in.get())) > 0;) {
    text.append(buffer, n);
    // A manifest is a few hundred bytes; a huge file here is not one.
    if (text.size() > (1u << 20)) return make_error(ErrorKind::invalid_input, file.string() + ": larger than 1 MiB, not a plugin manifest");
  }
  return parse_manifest(text, file.string());
}

std::vector<std::string> unset_required_settings(const PluginManifest& manifest,
                                                 const std::map<std::string, std::string>& stored) {
  std::vector<std::string> out;
  for (const auto& spec : manifest.settings) {
    if (!spec.required) continue;
    auto it = stored.find(spec.name);
    bool has_stored = it != stored.end() && !it->second.empty();
    bool has_default = !spec.default_value.is_null() &&
                       !(spec.default_value.is_string() && spec.default_value.get<std::string>().empty());
    if (!has_stored && !has_default) out.push_back(spec.name);
  }
  return out;
}

}  // namespace trellis::plugins
