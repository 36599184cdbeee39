// Issue 17, accounts and sessions through the real binary and real HTTP: users
// made with the CLI (password on standard input, or an invitation), sign-in
// forms, the session cookie's attributes, CSRF on the API and on sign-out,
// cross-site forms refused, roles on /api/v1, throttling and logout everywhere.
#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "run_json.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trellis::testing;

namespace {

const std::string kPassword = "correct horse battery staple";

ProcessResult add_user(const fs::path& home, const std::string& name, const std::string& role,
                       const std::string& password = kPassword) {
  return run({trellis_exe().string(), "--home", home.string(), "user", "add", name, "--role", role, "--json"}, {},
             password + "\n");
}

std::string form(const std::string& name, const std::string& password) {
  return "name=" + name + "&password=" + std::regex_replace(password, std::regex(" "), "+");
}

// Signs in through the form as a browser on the host's own page would; the cookie's value.
std::string sign_in(const Server& server, const std::string& name, const std::string& password = kPassword) {
  HttpReply r = server.request("POST", "/console/login", form(name, password), "application/x-www-form-urlencoded",
                               {{"Sec-Fetch-Site", "same-origin"}});
  REQUIRE(r.status == 303);
  std::smatch m;
  std::string cookie = r.headers["set-cookie"];
  REQUIRE(std::regex_search(cookie, m, std::regex("^trellis_session=([A-Za-z0-9_-]{43});")));
  return m[1].str();
}

json session_json(const Server& server, const std::string& token) {
  HttpReply r = server.get("/api/v1/session", {{"Cookie", "trellis_session=" + token}});
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

}  // namespace

TEST_CASE("Console a user added with a password signs in and gets a strict session cookie", "[console][e2e]") {
  TempDir home;
  auto added = add_user(home.path(), "ada", "admin");
  REQUIRE(added.exit_code == 0);
  json user = json::parse(added.out);
  CHECK(user["role"] == "admin");
  CHECK(user["has_password"] == true);
  Server server(home.path());

  HttpReply page = server.get("/console/login");
  REQUIRE(page.status == 200);
  CHECK(page.headers["content-security-policy"].find("default-src 'none'") != std::string::npos);
  CHECK(page.headers["content-security-policy"].find("frame-ancestors 'none'") != std::string::npos);
  CHECK(page.body.find("<script") == std::string::npos);
  CHECK(server.get("/console/").headers["location"] == "/console/login");

  HttpReply wrong = server.request("POST", "/console/login", form("ada", "not the right one"),
                                   "application/x-www-form-urlencoded", {{"Sec-Fetch-Site", "same-origin"}});
  CHECK(wrong.status == 401);
  CHECK(wrong.headers.count("set-cookie") == 0);
  CHECK(wrong.body.find("do not match an account") != std::string::npos);
  HttpReply nobody = server.request("POST", "/console/login", form("nobody", kPassword),
                                    "application/x-www-form-urlencoded", {{"Sec-Fetch-Site", "same-origin"}});
  CHECK(nobody.status == 401);
  CHECK(nobody.body.find("do not match an account") != std::string::npos);

  HttpReply ok = server.request("POST", "/console/login", form("ada", kPassword), "application/x-www-form-urlencoded",
                                {{"Sec-Fetch-Site", "same-origin"}});
  REQUIRE(ok.status == 303);
  CHECK(ok.headers["location"] == "/console/");
  std::string cookie = ok.headers["set-cookie"];
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Path=/") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain HTTP here; over TLS it is set
  std::string token = sign_in(server, "ada");
  json who = session_json(server, token);
  CHECK(who["signed_in"] == true);
  CHECK(who["user"] == "ada");
  CHECK(who["role"] == "admin");
  HttpReply home_page = server.get("/console/", {{"Cookie", "trellis_session=" + token}});
  REQUIRE(home_page.status == 200);
  CHECK(home_page.body.find("<span class=\"who\">ada (admin)</span>") != std::string::npos);
  CHECK(home_page.body.find("<h1>My courses</h1>") != std::string::npos);
  // The password is never in the database file in clear.
  CHECK(read_file(home.path() / "trellis.db").find(kPassword) == std::string::npos);
}

TEST_CASE("Console a cross-site sign-in form is refused and so is a bad form", "[console][e2e]") {
  TempDir home;
  REQUIRE(add_user(home.path(), "ada", "admin").exit_code == 0);
  Server server(home.path());
  HttpReply cross = server.request("POST", "/console/login", form("ada", kPassword), "application/x-www-form-urlencoded",
                                   {{"Sec-Fetch-Site", "cross-site"}});
  CHECK(cross.status == 403);
  CHECK(cross.headers.count("set-cookie") == 0);
  HttpReply other_origin = server.request("POST", "/console/login", form("ada", kPassword),
                                          "application/x-www-form-urlencoded", {{"Origin", "https://evil.example"}});
  CHECK(other_origin.status == 403);
  HttpReply json_body = server.request("POST", "/console/login", R"({"name":"ada"})", "application/json");
  CHECK(json_body.status == 415);
  HttpReply long_name = server.request("POST", "/console/login", form(std::string(200, 'a'), kPassword),
                                       "application/x-www-form-urlencoded");
  CHECK(long_name.status == 400);
  CHECK(long_name.body.find("at most 128 characters") != std::string::npos);
  HttpReply huge = server.request("POST", "/console/login", "name=ada&password=" + std::string(20000, 'x'),
                                  "application/x-www-form-urlencoded");
  CHECK(huge.status == 413);
}

TEST_CASE("Console a session stands in for a key by its role and needs the CSRF token to change anything", "[console][e2e]") {
  TempDir home;
  REQUIRE(add_user(home.path(), "ada", "admin").exit_code == 0);
  REQUIRE(add_user(home.path(), "dina", "designer").exit_code == 0);
  REQUIRE(add_user(home.path(), "matthew", "learner").exit_code == 0);
  Server server(home.path());
  std::string admin = sign_in(server, "ada");
  std::string csrf = session_json(server, admin)["csrf_token"];
  std::map<std::string, std::string> as_admin = {{"Cookie", "trellis_session=" + admin}};

  CHECK(server.get("/api/v1/learners", as_admin).status == 200);
  std::string learner = R"({"id":"lena","name":"Lena"})";
  CHECK(server.request("POST", "/api/v1/learners", learner, "application/json", as_admin).status == 403);
  auto with_token = as_admin;
  with_token["X-CSRF-Token"] = csrf;
  with_token["Sec-Fetch-Site"] = "cross-site";
  CHECK(server.request("POST", "/api/v1/learners", learner, "application/json", with_token).status == 403);
  with_token["Sec-Fetch-Site"] = "same-origin";
  with_token["X-CSRF-Token"] = csrf.substr(1) + "x";
  CHECK(server.request("POST", "/api/v1/learners", learner, "application/json", with_token).status == 403);
  with_token["X-CSRF-Token"] = csrf;
  CHECK(server.request("POST", "/api/v1/learners", learner, "application/json", with_token).status == 201);

  // A learner signed in is no admin: 403 on every admin route, and on records.
  std::string matthew = sign_in(server, "matthew");
  std::map<std::string, std::string> as_learner = {{"Cookie", "trellis_session=" + matthew}};
  for (const char* path : {"/api/v1/learners", "/api/v1/plugins", "/api/v1/registrations", "/api/v1/connectors",
                           "/api/v1/records/export"}) {
    INFO(path);
    CHECK(server.get(path, as_learner).status == 403);
  }
  CHECK(server.get("/api/v1/courses", as_learner).status == 200);
  // A designer reads the records, but administers nothing.
  std::string dina = sign_in(server, "dina");
  std::map<std::string, std::string> as_designer = {{"Cookie", "trellis_session=" + dina}};
  CHECK(server.get("/api/v1/records/export", as_designer).status == 200);
  CHECK(server.get("/api/v1/plugins", as_designer).status == 403);
  // An unknown or ended session is told to sign in again.
  HttpReply stale = server.get("/api/v1/learners", {{"Cookie", "trellis_session=AAAA" + admin.substr(4)}});
  CHECK(stale.status == 401);
  CHECK(stale.body.find("sign in again") != std::string::npos);
}

TEST_CASE("Console sign-out needs the page's token and logout everywhere ends every session", "[console][e2e]") {
  TempDir home;
  REQUIRE(add_user(home.path(), "ada", "admin").exit_code == 0);
  Server server(home.path());
  std::string laptop = sign_in(server, "ada");
  std::string phone = sign_in(server, "ada");
  std::string tablet = sign_in(server, "ada");
  std::map<std::string, std::string> from_laptop = {{"Cookie", "trellis_session=" + laptop}};
  CHECK(server.request("POST", "/console/logout", "", "application/x-www-form-urlencoded", from_laptop).status == 403);
  std::string csrf = session_json(server, laptop)["csrf_token"];
  HttpReply out = server.request("POST", "/console/logout", "csrf=" + csrf, "application/x-www-form-urlencoded", from_laptop);
  CHECK(out.status == 303);
  CHECK(out.headers["set-cookie"].find("Max-Age=0") != std::string::npos);
  CHECK(session_json(server, laptop)["signed_in"] == false);
  CHECK(session_json(server, phone)["signed_in"] == true);

  std::string phone_csrf = session_json(server, phone)["csrf_token"];
  HttpReply everywhere = server.request("POST", "/console/logout-everywhere", "csrf=" + phone_csrf,
                                        "application/x-www-form-urlencoded", {{"Cookie", "trellis_session=" + phone}});
  CHECK(everywhere.status == 303);
  CHECK(session_json(server, phone)["signed_in"] == false);
  CHECK(session_json(server, tablet)["signed_in"] == false);
  // The CLI ends sessions too.
  std::string again = sign_in(server, "ada");
  json ended = run_json(home.path(), {"user", "logout", "ada", "--json"});
  CHECK(ended["sessions_ended"] == 1);
  CHECK(session_json(server, again)["signed_in"] == false);
}

TEST_CASE("Console five failed sign-ins for a name make the sixth wait and a success clears the count", "[console][e2e]") {
  TempDir home;
  REQUIRE(add_user(home.path(), "ada", "admin").exit_code == 0);
  REQUIRE(add_user(home.path(), "bob", "admin").exit_code == 0);
  Server server(home.path());
  for (int i = 0; i < 5; ++i)
    CHECK(server.request("POST", "/console/login", form("ada", "wrong password " + std::to_string(i)),
                         "application/x-www-form-urlencoded").status == 401);
  HttpReply held = server.request("POST", "/console/login", form("ada", kPassword), "application/x-www-form-urlencoded");
  CHECK(held.status == 429);
  CHECK(!held.headers["retry-after"].empty());
  CHECK(held.body.find("Too many failed sign-ins") != std::string::npos);
  // Another name is not held by ada's failures.
  CHECK(server.request("POST", "/console/login", form("bob", kPassword), "application/x-www-form-urlencoded").status == 303);
}

TEST_CASE("Console an invited user chooses a password once through the link and is signed in", "[console][e2e]") {
  TempDir home;
  json added = run_json(home.path(), {"user", "add", "matthew", "--role", "learner", "--name", "Matthew Brown", "--invite", "--json"});
  CHECK(added["has_password"] == false);
  std::string link = added["invite_url"];
  std::string path = link.substr(link.find("/console/invite/"));
  json learners = run_json(home.path(), {"learner", "list", "--json"});
  REQUIRE(learners["learners"].size() == 1);
  CHECK(learners["learners"][0]["name"] == "Matthew Brown");
  Server server(home.path());
  HttpReply page = server.get(path);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("Choose your password") != std::string::npos);
  HttpReply weak = server.request("POST", path, "password=short", "application/x-www-form-urlencoded");
  CHECK(weak.status == 400);
  CHECK(weak.body.find("at least 12") != std::string::npos);
  HttpReply set = server.request("POST", path, "password=" + std::regex_replace(kPassword, std::regex(" "), "+"),
                                 "application/x-www-form-urlencoded", {{"Sec-Fetch-Site", "same-origin"}});
  REQUIRE(set.status == 303);
  CHECK(set.headers["set-cookie"].find("trellis_session=") == 0);
  HttpReply reused = server.request("POST", path, "password=another+long+password", "application/x-www-form-urlencoded");
  CHECK(reused.status == 404);
  CHECK(reused.body.find("used or expired") != std::string::npos);
  CHECK(sign_in(server, "matthew").size() == 43);
  // An empty password line and no --invite: told how.
  auto empty = run({trellis_exe().string(), "--home", home.path().string(), "user", "add", "x", "--role", "admin"}, {}, "\n");
  CHECK(empty.exit_code != 0);
  CHECK(empty.err.find("standard input") != std::string::npos);
}
