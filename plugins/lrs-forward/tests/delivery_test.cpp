#include <catch2/catch.hpp>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "delivery.hpp"

using namespace trellis::forward;

namespace {

// A remote that stores batches all-or-nothing: 400 when any statement is marked
// bad, 409 when any id is already stored, else stores them.
struct FakeRemote {
  std::set<std::string> stored;
  int posts = 0;
  int fail_with = -1;  // answer every POST with this status when >= 0 (0: no answer)

  PostReply post(const std::string& body) {
    ++posts;
    if (fail_with >= 0) return {fail_with, "unavailable"};
    auto batch = nlohmann::json::parse(body);
    for (const auto& s : batch)
      if (s.value("bad", false)) return {400, "statement " + s["id"].get<std::string>() + " is invalid"};
    for (const auto& s : batch)
      if (stored.count(s["id"])) return {409, "conflict"};
    for (const auto& s : batch) stored.insert(s["id"].get<std::string>());
    return {200, "[]"};
  }
};

std::vector<std::string> statements(int n, std::set<int> bad = {}) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    nlohmann::json s = {{"id", "s" + std::to_string(i)}};
    if (bad.count(i)) s["bad"] = true;
    out.push_back(s.dump());
  }
  return out;
}

std::map<size_t, std::pair<Fate, std::string>> run(FakeRemote& remote, const std::vector<std::string>& batch) {
  std::map<size_t, std::pair<Fate, std::string>> fates;
  deliver(batch, [&remote](const std::string& b) { return remote.post(b); },
          [&fates](size_t i, Fate f, const std::string& reason) {
            REQUIRE(fates.count(i) == 0);  // exactly once
            fates[i] = {f, reason};
          });
  REQUIRE(fates.size() == batch.size());
  return fates;
}

}  // namespace

TEST_CASE("a clean batch goes in one POST") {
  FakeRemote remote;
  auto fates = run(remote, statements(100));
  CHECK(remote.posts == 1);
  CHECK(remote.stored.size() == 100);
  for (const auto& [i, f] : fates) CHECK(f.first == Fate::delivered);
}

TEST_CASE("a 400 splits the batch until the bad statements are isolated") {
  FakeRemote remote;
  auto fates = run(remote, statements(64, {5, 40}));
  CHECK(remote.stored.size() == 62);
  for (const auto& [i, f] : fates) {
    INFO(i);
    CHECK(f.first == (i == 5 || i == 40 ? Fate::refused : Fate::delivered));
  }
  CHECK(fates[5].second == "HTTP 400: statement s5 is invalid");
  CHECK(remote.posts < 64);  // halving, not one POST per statement
}

TEST_CASE("a re-send is harmless: ids already stored count as delivered") {
  FakeRemote remote;
  run(remote, statements(10));
  auto fates = run(remote, statements(12));
  CHECK(remote.stored.size() == 12);
  for (const auto& [i, f] : fates) CHECK(f.first == Fate::delivered);
}

TEST_CASE("server errors and no answer are retried later, never refused") {
  for (int status : {500, 503, 429, 401, 0}) {
    FakeRemote remote;
    remote.fail_with = status;
    auto fates = run(remote, statements(8));
    CHECK(remote.posts == 1);
    for (const auto& [i, f] : fates) CHECK(f.first == Fate::retry);
  }
}

TEST_CASE("a remote that says 'already exists' with a 400 counts the statement as delivered") {
  std::vector<std::string> one = statements(1);
  std::map<size_t, Fate> fates;
  deliver(one, [](const std::string&) { return PostReply{400, "Statement Already Exists"}; },
          [&fates](size_t i, Fate f, const std::string&) { fates[i] = f; });
  CHECK(fates[0] == Fate::delivered);
}
