// The accounts domain on a real home database: users and roles, Argon2id
// passwords, invitations, sessions and the login throttle (its clock given).
#include <catch2/catch.hpp>

#include <optional>

#include "accounts/password.hpp"
#include "accounts/login_throttle.hpp"
#include "accounts/sessions.hpp"
#include "accounts/users.hpp"
#include "app/schema_registry.hpp"
#include "core/home.hpp"
#include "player/learners.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "xapi/timestamp.hpp"

using namespace trellis;

namespace {

struct HomeDb {
  testing::TempDir dir;
  std::optional<store::Database> db;
  HomeDb() {
    auto home = Home::open(dir / "home");
    REQUIRE(home);
    auto opened = store::open_home_database(*home, home_schema_domains());
    REQUIRE(opened);
    db.emplace(std::move(opened).value());
  }
};

const int64_t kNow = xapi::now_micros();
const std::string kPassword = "correct horse battery";

}  // namespace

TEST_CASE("Passwords are stored as Argon2id strings and only the right password verifies", "[accounts]") {
  auto hash = accounts::hash_password(kPassword);
  REQUIRE(hash);
  CHECK(hash->rfind("$argon2id$", 0) == 0);
  CHECK(hash->find(kPassword) == std::string::npos);
  CHECK(accounts::verify_password(kPassword, *hash));
  CHECK_FALSE(accounts::verify_password(kPassword + "!", *hash));
  CHECK_FALSE(accounts::needs_rehash(*hash));
  auto again = accounts::hash_password(kPassword);
  REQUIRE(again);
  CHECK(*again != *hash);  // salted
  auto short_one = accounts::hash_password("short");
  REQUIRE_FALSE(short_one);
  CHECK(short_one.error().message.find("at least 12") != std::string::npos);
}

TEST_CASE("A learner account is the player's learner of the same id", "[accounts]") {
  HomeDb h;
  auto added = accounts::add_user(*h.db, {"matthew", "learner", kPassword, "Matthew Brown"}, kNow);
  REQUIRE(added);
  CHECK_FALSE(added->invite_token);
  auto learner = player::get_learner(*h.db, "matthew");
  REQUIRE(learner);
  CHECK(learner->name == "Matthew Brown");
  // An admin is no learner; names and roles are checked; a name is taken once.
  REQUIRE(accounts::add_user(*h.db, {"ada", "admin", kPassword, std::nullopt}, kNow));
  CHECK_FALSE(player::get_learner(*h.db, "ada"));
  auto twice = accounts::add_user(*h.db, {"ada", "designer", kPassword, std::nullopt}, kNow);
  REQUIRE_FALSE(twice);
  CHECK(twice.error().kind == ErrorKind::conflict);
  auto role = accounts::add_user(*h.db, {"bob", "root", kPassword, std::nullopt}, kNow);
  REQUIRE_FALSE(role);
  CHECK(role.error().message.find("admin, designer, learner") != std::string::npos);
  CHECK_FALSE(accounts::add_user(*h.db, {"a b", "learner", kPassword, std::nullopt}, kNow));
  auto users = accounts::list_users(*h.db);
  REQUIRE(users);
  CHECK(users->size() == 2);
}

TEST_CASE("A session opens for the right password only and ends at logout or logout everywhere", "[accounts]") {
  HomeDb h;
  REQUIRE(accounts::add_user(*h.db, {"ada", "admin", kPassword, std::nullopt}, kNow));
  auto wrong = accounts::log_in(*h.db, "ada", "not the password", kNow);
  REQUIRE(wrong);
  CHECK_FALSE(wrong->has_value());
  auto nobody = accounts::log_in(*h.db, "nobody", kPassword, kNow);
  REQUIRE(nobody);
  CHECK_FALSE(nobody->has_value());

  auto first = accounts::log_in(*h.db, "ada", kPassword, kNow);
  REQUIRE(first);
  REQUIRE(first->has_value());
  auto second = accounts::log_in(*h.db, "ada", kPassword, kNow);
  REQUIRE(second);
  REQUIRE(second->has_value());
  CHECK((*first)->token != (*second)->token);
  CHECK((*first)->csrf_token != (*first)->token);

  auto found = accounts::find_session(*h.db, (*first)->token, kNow);
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->user_name == "ada");
  CHECK((*found)->role == "admin");
  CHECK((*found)->csrf_token == (*first)->csrf_token);
  // Expired after its lifetime; an unknown token is no session.
  auto later = accounts::find_session(*h.db, (*first)->token, kNow + accounts::kSessionLifetimeMicros + 1);
  REQUIRE(later);
  CHECK_FALSE(later->has_value());
  auto unknown = accounts::find_session(*h.db, "x" + (*first)->token, kNow);
  REQUIRE(unknown);
  CHECK_FALSE(unknown->has_value());

  REQUIRE(accounts::log_out(*h.db, (*first)->token));
  CHECK_FALSE(accounts::find_session(*h.db, (*first)->token, kNow)->has_value());
  CHECK(accounts::find_session(*h.db, (*second)->token, kNow)->has_value());
  auto ended = accounts::log_out_everywhere(*h.db, "ada");
  REQUIRE(ended);
  CHECK(*ended == 1);
  CHECK_FALSE(accounts::find_session(*h.db, (*second)->token, kNow)->has_value());
}

TEST_CASE("An invitation sets the password once and ends the user's sessions", "[accounts]") {
  HomeDb h;
  auto added = accounts::add_user(*h.db, {"dina", "designer", std::nullopt, std::nullopt}, kNow);
  REQUIRE(added);
  REQUIRE(added->invite_token);
  // No password yet: nothing logs in.
  CHECK_FALSE(accounts::log_in(*h.db, "dina", kPassword, kNow)->has_value());
  auto expired = accounts::accept_invite(*h.db, *added->invite_token, kPassword, kNow + accounts::kInviteLifetimeMicros + 1);
  REQUIRE_FALSE(expired);
  CHECK(expired.error().kind == ErrorKind::not_found);

  auto again = accounts::invite_user(*h.db, "dina", kNow);
  REQUIRE(again);
  auto weak = accounts::accept_invite(*h.db, *again, "short", kNow);
  REQUIRE_FALSE(weak);
  auto taken = accounts::accept_invite(*h.db, *again, kPassword, kNow);
  REQUIRE(taken);
  CHECK(taken->name == "dina");
  CHECK(accounts::log_in(*h.db, "dina", kPassword, kNow)->has_value());
  auto reused = accounts::accept_invite(*h.db, *again, "another long password", kNow);
  REQUIRE_FALSE(reused);
  CHECK(reused.error().message.find("used or expired") != std::string::npos);
}

TEST_CASE("Removing a user ends their sessions", "[accounts]") {
  HomeDb h;
  REQUIRE(accounts::add_user(*h.db, {"ada", "admin", kPassword, std::nullopt}, kNow));
  auto opened = accounts::log_in(*h.db, "ada", kPassword, kNow);
  REQUIRE(opened);
  REQUIRE(opened->has_value());
  REQUIRE(accounts::remove_user(*h.db, "ada"));
  CHECK_FALSE(accounts::find_session(*h.db, (*opened)->token, kNow)->has_value());
  auto gone = accounts::remove_user(*h.db, "ada");
  REQUIRE_FALSE(gone);
  CHECK(gone.error().kind == ErrorKind::not_found);
}

TEST_CASE("The login throttle refuses a name after 5 failures and an address after 20 until the window passes", "[accounts]") {
  accounts::LoginThrottle throttle;
  auto t = accounts::LoginThrottle::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 5; ++i) {
    CHECK(throttle.wait_seconds("ada", "10.0.0.1", t) == 0);
    throttle.failed("ada", "10.0.0.1", t);
  }
  int wait = throttle.wait_seconds("ada", "10.0.0.1", t);
  CHECK(wait > 800);
  CHECK(wait <= 15 * 60 + 1);
  CHECK(throttle.wait_seconds("bob", "10.0.0.1", t) == 0);  // another name from the address
  CHECK(throttle.wait_seconds("ada", "10.0.0.1", t + std::chrono::minutes(15)) == 0);
  for (int i = 0; i < 20; ++i) throttle.failed("user" + std::to_string(i), "10.0.0.2", t);
  CHECK(throttle.wait_seconds("anyone", "10.0.0.2", t) > 0);
  CHECK(throttle.wait_seconds("anyone", "10.0.0.3", t) == 0);
  throttle.failed("carl", "10.0.0.4", t);
  throttle.succeeded("carl");
  for (int i = 0; i < 4; ++i) throttle.failed("carl", "10.0.0.4", t);
  CHECK(throttle.wait_seconds("carl", "10.0.0.4", t) == 0);  // the success cleared the earlier failure
}
