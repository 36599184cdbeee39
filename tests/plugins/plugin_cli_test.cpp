// The plugin manager as an administrator meets it: the real `trellis` binary and
// a real server, real plugin libraries, each broken in its own way.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <zip.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis::testing;

namespace {

const fs::path kBuilt = TRELLIS_TEST_PLUGIN_DIR;

void copy_plugin(const std::string& id, const fs::path& into, const std::string& as = {}) {
  fs::create_directories(into);
  fs::copy(kBuilt / id, into / (as.empty() ? id : as), fs::copy_options::recursive);
}

// Rewrites a field of a copied plugin's plugin.json.
void edit_manifest(const fs::path& folder, const std::string& key, const json& value) {
  auto j = json::parse(read_file(folder / "plugin.json"));
  j[key] = value;
  write_file(folder / "plugin.json", j.dump(2));
}

json plugin_by_id(const json& list, const std::string& id) {
  for (const auto& p : list)
    if (p["id"] == id) return p;
  FAIL("no plugin " << id << " in " << list.dump());
  return {};
}

json list_json(const fs::path& home, const std::map<std::string, std::string>& env = {}) {
  auto r = run_trellis(home, {"plugin", "list", "--json"}, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("Every kind of broken plugin is refused with its reason while the good one keeps working", "[plugins][e2e]") {
  TempDir dir;
  auto bundled = dir / "bundled";
  for (const char* id : {"good-connector", "wrong-abi", "no-entry", "wrong-id", "init-fails", "init-throws",
                         "crash-on-init", "garbage-links", "needs-good", "needs-absent"})
    copy_plugin(id, bundled);
  copy_plugin("good-connector", bundled, "tampered");
  edit_manifest(bundled / "tampered", "id", "tampered");
  copy_plugin("good-connector", bundled, "wrong-arch");
  edit_manifest(bundled / "wrong-arch", "id", "wrong-arch");
  edit_manifest(bundled / "wrong-arch", "arch", "sparc64");
  copy_plugin("good-connector", bundled, "not-a-library");
  write_file(bundled / "not-a-library" / "libtrellis-good-connector.so", "this is a text file, not ELF\n");
  edit_manifest(bundled / "not-a-library", "id", "not-a-library");
  edit_manifest(bundled / "not-a-library", "sha256", trellis::sha256_hex("this is a text file, not ELF\n"));
  copy_plugin("good-connector", bundled, "checksum");
  edit_manifest(bundled / "checksum", "id", "checksum");
  edit_manifest(bundled / "checksum", "sha256", std::string(64, '0'));

  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", bundled.string()}};
  auto list = list_json(dir / "home", env);
  CHECK(plugin_by_id(list, "good-connector")["state"] == "loaded");
  CHECK(plugin_by_id(list, "needs-good")["state"] == "loaded");

  const std::vector<std::pair<std::string, std::string>> expected = {
      {"wrong-abi", "library speaks ABI 2"},
      {"no-entry", "no entry point trellis_plugin_entry_v1"},
      {"wrong-id", "disagree on the id"},
      {"init-fails", "the directory server is unreachable"},
      {"init-throws", "threw an exception"},
      {"crash-on-init", "crashed while loading"},
      {"garbage-links", "more than max_results"},
      {"needs-absent", "missing dependencies: absent-plugin >=2.0.0 (not installed)"},
      {"wrong-arch", "built for linux/sparc64"},
      {"not-a-library", "cannot load"},
      {"checksum", "checksum mismatch"}};
  for (const auto& [id, why] : expected) {
    auto p = plugin_by_id(list, id);
    INFO(id << ": " << p.dump());
    CHECK(p["state"] == "refused");
    CHECK(p["reason"].get<std::string>().find("plugin '") == 0);
    CHECK(p["reason"].get<std::string>().find(why) != std::string::npos);
  }

  // The refusal is recorded and shown by `plugin info`, in text too.
  auto info = run_trellis(dir / "home", {"plugin", "info", "crash-on-init"}, env);
  CHECK(info.exit_code == 0);
  CHECK(info.out.find("crashed while loading") != std::string::npos);

  // A second start uses what the first proved: the good plugin still loads.
  auto again = list_json(dir / "home", env);
  CHECK(plugin_by_id(again, "good-connector")["state"] == "loaded");
  CHECK(plugin_by_id(again, "crash-on-init")["state"] == "refused");
}

TEST_CASE("Install checks signatures, dependencies and contracts, and upgrade, rollback and remove", "[plugins][e2e]") {
  TempDir dir;
  auto home = dir / "home";
  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", (dir / "no-bundled").string()}};
  auto t = [&](const std::vector<std::string>& args) { return run_trellis(home, args, env); };

  copy_plugin("good-connector", dir / "src");
  auto good = (dir / "src" / "good-connector").string();

  auto unsigned_try = t({"plugin", "install", good});
  CHECK(unsigned_try.exit_code == 1);
  CHECK(unsigned_try.err.find("--allow-unsigned") != std::string::npos);
  CHECK(list_json(home, env).empty());

  // Signed by a key the admin trusts.
  REQUIRE(run({"/usr/bin/openssl", "genpkey", "-algorithm", "ed25519", "-out", (dir / "key.pem").string()}).exit_code == 0);
  REQUIRE(run({"/usr/bin/openssl", "pkey", "-in", (dir / "key.pem").string(), "-pubout", "-out", (dir / "pub.pem").string()})
              .exit_code == 0);
  auto sign = t({"plugin", "sign", good, "--key", (dir / "key.pem").string(), "--json"});
  REQUIRE(sign.exit_code == 0);
  auto key_id = json::parse(sign.out)["key_id"].get<std::string>();
  auto untrusted = t({"plugin", "install", good});
  CHECK(untrusted.exit_code == 1);
  CHECK(untrusted.err.find("not trusted") != std::string::npos);
  REQUIRE(t({"trust", "add", (dir / "pub.pem").string(), "--comment", "tests"}).exit_code == 0);
  auto trusted = json::parse(t({"trust", "list", "--json"}).out);
  REQUIRE(trusted.size() == 1);
  CHECK(trusted[0]["key_id"] == key_id);

  // A manifest changed after signing is refused.
  auto manifest_text = read_file(fs::path(good) / "plugin.json");
  write_file(fs::path(good) / "plugin.json", manifest_text + " ");
  auto modified = t({"plugin", "install", good});
  CHECK(modified.exit_code == 1);
  CHECK(modified.err.find("does not match") != std::string::npos);
  write_file(fs::path(good) / "plugin.json", manifest_text);

  auto install = t({"plugin", "install", good, "--json"});
  INFO(install.err);
  REQUIRE(install.exit_code == 0);
  auto installed = json::parse(install.out);
  CHECK(installed["signed_by"] == key_id);
  CHECK(fs::exists(home / "plugins" / "good-connector" / "1.0.0" / "plugin.json"));
  CHECK(t({"plugin", "install", good}).exit_code == 1);  // already installed

  // Dependencies: the missing one is named; the present one is accepted.
  copy_plugin("needs-absent", dir / "src");
  auto absent = t({"plugin", "install", "--allow-unsigned", (dir / "src" / "needs-absent").string()});
  CHECK(absent.exit_code == 1);
  CHECK(absent.err.find("absent-plugin >=2.0.0 (not installed)") != std::string::npos);
  copy_plugin("needs-good", dir / "src");
  REQUIRE(t({"plugin", "install", "--allow-unsigned", (dir / "src" / "needs-good").string()}).exit_code == 0);
  auto list = list_json(home, env);
  CHECK(plugin_by_id(list, "needs-good")["unsigned"] == true);
  CHECK(plugin_by_id(list, "good-connector")["unsigned"] == false);

  // A plugin that breaks its contract, or crashes, is refused at install.
  copy_plugin("garbage-links", dir / "src");
  auto garbage = t({"plugin", "install", "--allow-unsigned", (dir / "src" / "garbage-links").string()});
  CHECK(garbage.exit_code == 1);
  CHECK(garbage.err.find("more than max_results") != std::string::npos);
  copy_plugin("crash-on-init", dir / "src");
  auto crash = t({"plugin", "check", (dir / "src" / "crash-on-init").string(), "--json"});
  CHECK(crash.exit_code == 1);
  CHECK(json::parse(crash.out)["reason"].get<std::string>().find("crashed while loading") != std::string::npos);
  CHECK(!fs::exists(home / "plugins" / "garbage-links"));
  // A slow call that ignores its cancel token is named, and check still answers.
  copy_plugin("ignores-cancel", dir / "src");
  auto stuck = t({"plugin", "check", (dir / "src" / "ignores-cancel").string(), "--json"});
  CHECK(stuck.exit_code == 1);
  INFO(stuck.out);
  auto stuck_report = json::parse(stuck.out);
  REQUIRE(stuck_report["problems"].size() == 1);
  CHECK(stuck_report["problems"][0]["case"] == "cancelled during the call");
  CHECK(stuck_report["problems"][0]["problem"].get<std::string>().find("still running") != std::string::npos);

  // Settings are checked against what the plugin declares.
  CHECK(t({"plugin", "configure", "good-connector", "base_url=ftp:/nope"}).exit_code == 1);
  CHECK(t({"plugin", "configure", "good-connector", "colour=red"}).exit_code == 1);
  REQUIRE(t({"plugin", "configure", "good-connector", "base_url=https://wiki.acme.test"}).exit_code == 0);
  auto info = json::parse(t({"plugin", "info", "good-connector", "--json"}).out);
  CHECK(info["settings"][0]["value"] == "https://wiki.acme.test");

  // Upgrade keeps the previous version; rollback returns to it.
  copy_plugin("good-connector", dir / "v2");
  edit_manifest(dir / "v2" / "good-connector", "version", "1.1.0");
  // The library still says 1.0.0: the probe refuses the disagreement.
  auto mismatch = t({"plugin", "upgrade", "--allow-unsigned", (dir / "v2" / "good-connector").string()});
  CHECK(mismatch.exit_code == 1);
  CHECK(mismatch.err.find("library says 1.0.0") != std::string::npos);

  // Remove: refused while an enabled plugin depends on it, then with --purge.
  auto blocked = t({"plugin", "remove", "good-connector"});
  CHECK(blocked.exit_code == 1);
  CHECK(blocked.err.find("needs-good") != std::string::npos);
  REQUIRE(t({"plugin", "disable", "needs-good"}).exit_code == 0);
  CHECK(plugin_by_id(list_json(home, env), "needs-good")["state"] == "disabled");
  REQUIRE(t({"plugin", "remove", "good-connector", "--purge"}).exit_code == 0);
  CHECK(!fs::exists(home / "plugins" / "good-connector"));
  auto after = list_json(home, env);
  CHECK(after.size() == 1);
}

TEST_CASE("A .zip installs, and entries escaping the folder are refused", "[plugins][e2e]") {
  TempDir dir;
  auto make_zip = [&](const fs::path& file, const std::vector<std::pair<std::string, fs::path>>& entries) {
    int err = 0;
    zip_t* z = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    for (const auto& [name, src] : entries) {
      zip_source_t* s = zip_source_file(z, src.c_str(), 0, -1);
      REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
  };
  auto src = kBuilt / "good-connector";
  make_zip(dir / "good.zip", {{"good-connector/plugin.json", src / "plugin.json"},
                              {"good-connector/libtrellis-good-connector.so", src / "libtrellis-good-connector.so"}});
  make_zip(dir / "evil.zip", {{"plugin.json", src / "plugin.json"}, {"../../escaped.so", src / "plugin.json"}});
  auto evil = run_trellis(dir / "home", {"plugin", "install", "--allow-unsigned", (dir / "evil.zip").string()});
  CHECK(evil.exit_code == 1);
  // The host's safe package reader refuses it, as it would in a learning package.
  CHECK(evil.err.find("entry '../../escaped.so' refused: '..' path component (path traversal)") != std::string::npos);
  auto good = run_trellis(dir / "home", {"plugin", "install", "--allow-unsigned", (dir / "good.zip").string()},
                          {{"TRELLIS_PLUGIN_PATH", (dir / "none").string()}});
  INFO(good.err);
  CHECK(good.exit_code == 0);
  CHECK(fs::exists(dir / "home" / "plugins" / "good-connector" / "1.0.0" / "libtrellis-good-connector.so"));
}

TEST_CASE("The REST API lists, describes, configures and installs plugins", "[plugins][e2e][http]") {
  TempDir dir;
  copy_plugin("good-connector", dir / "bundled");
  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", (dir / "bundled").string()}};
  const std::map<std::string, std::string> admin = {{"Authorization", create_key_header(dir / "home", {"admin"})}};
  Server server(dir / "home", {}, env);
  auto list = server.get("/api/v1/plugins", admin);
  REQUIRE(list.status == 200);
  CHECK(plugin_by_id(json::parse(list.body), "good-connector")["state"] == "loaded");
  auto info = server.get("/api/v1/plugins/good-connector", admin);
  REQUIRE(info.status == 200);
  CHECK(json::parse(info.body)["settings"][0]["name"] == "base_url");
  CHECK(server.get("/api/v1/plugins/nothing-here", admin).status == 404);
  auto bad = server.request("PUT", "/api/v1/plugins/good-connector/settings", R"({"base_url": "no"})",
                            "application/json", admin);
  CHECK(bad.status == 422);
  CHECK(bad.headers["content-type"].find("application/problem+json") == 0);
  auto good = server.request("PUT", "/api/v1/plugins/good-connector/settings", R"({"base_url": "https://w.test"})",
                             "application/json", admin);
  CHECK(good.status == 200);
  copy_plugin("needs-good", dir / "src");
  auto unsigned_install = server.request(
      "POST", "/api/v1/plugins", json{{"path", (dir / "src" / "needs-good").string()}}.dump(), "application/json", admin);
  CHECK(unsigned_install.status == 422);
  // The advice is the API's own, not the CLI's flag.
  CHECK_THAT(unsigned_install.body, Catch::Contains("allow_unsigned=true"));
  CHECK_THAT(unsigned_install.body, !Catch::Contains("--allow-unsigned"));
  auto install = server.request(
      "POST", "/api/v1/plugins",
      json{{"path", (dir / "src" / "needs-good").string()}, {"allow_unsigned", true}}.dump(), "application/json", admin);
  INFO(install.body);
  CHECK(install.status == 201);
  auto after = json::parse(server.get("/api/v1/plugins", admin).body);
  CHECK(plugin_by_id(after, "needs-good")["state"] == "loaded");
  auto disable = server.request("POST", "/api/v1/plugins/good-connector/disable", "", "application/json", admin);
  CHECK(disable.status == 409);
}

TEST_CASE("The plugin REST API refuses callers without an admin key", "[plugins][e2e][http][auth]") {
  TempDir dir;
  copy_plugin("good-connector", dir / "bundled");
  std::map<std::string, std::string> env = {{"TRELLIS_PLUGIN_PATH", (dir / "bundled").string()}};
  const std::map<std::string, std::string> xapi_only = {{"Authorization", create_key_header(dir / "home", {"all"})}};
  const std::map<std::string, std::string> wrong_secret = {
      {"Authorization", httplib::make_basic_authentication_header("nobody", "guess").second}};
  Server server(dir / "home", {}, env);

  auto anonymous = server.get("/api/v1/plugins");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.headers["www-authenticate"].find("Basic") == 0);
  CHECK(anonymous.body.find("--scope admin") != std::string::npos);
  CHECK(server.get("/api/v1/plugins", wrong_secret).status == 401);
  auto forbidden = server.request("POST", "/api/v1/plugins/good-connector/disable", "", "application/json", xapi_only);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.body.find("no admin scope") != std::string::npos);
  // Nothing changed: the plugin is still enabled.
  auto listed = run_trellis(dir / "home", {"plugin", "info", "good-connector", "--json"}, env);
  REQUIRE(listed.exit_code == 0);
  CHECK(json::parse(listed.out)["enabled"] == true);
}
