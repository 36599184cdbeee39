// folder-kb loaded from its real shared library by the connector test host,
// over real folders written by each test.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>

#include "trellis/testing/connector.hpp"
#include "support.hpp"
#include "test_skip.hpp"
#include "trellis/abi.h"
#include "trellis/connector_kit/text.hpp"
#include "trellis/host.h"

namespace fs = std::filesystem;
using trellis::testing::ConnectorRun;
using trellis::testing::LoadedConnector;
using trellis::testing::TempDir;
using trellis::testing::TestQuery;
using trellis::testing::write_file;

namespace {

void write_lessons(const fs::path& root) {
  write_file(root / "lockout.md",
             "---\ntitle: \"Lockout/tagout: lessons learnt\"\nauthor: Ada Safety\ntags: [safety, maintenance]\n---\n"
             "# Ignored heading\n\nAlways <b>isolate</b> energy before maintenance. Lockout lockout.\n");
  write_file(root / "guides/forklift.html",
             "<html><head><title>Forklift &amp; pallet guide</title><meta name=\"keywords\" content=\"warehouse, forklift\">"
             "<script>var hidden = 'secret';</script></head><body><h1>Forklifts</h1><p>Check the forks &amp; the horn.</p></body></html>");
  write_file(root / "guides/incidents/2024-03 spill.txt", "Chemical spill in hall 3.\nContained within 10 minutes.\n");
  write_file(root / "guides/setext.markdown", "Fire drill\n==========\n\nEvacuate by the east stairs.\n");
  write_file(root / "logo.png", "\x89PNG not a document");
  write_file(root / ".git/notes.md", "# hidden\n");
}

// Runs the enclosed code with effective uid `nobody` (65534) and back to root after.
class UnprivilegedScope {
 public:
  UnprivilegedScope() {
    if (::seteuid(65534) == 0) {
      dropped_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~UnprivilegedScope() {
    if (dropped_ && ::seteuid(0) != 0) std::abort();  // the rest of the run would be wrong
  }
  UnprivilegedScope(const UnprivilegedScope&) = delete;
  UnprivilegedScope& operator=(const UnprivilegedScope&) = delete;
  bool dropped() const { return dropped_; }
  const std::string& error() const { return error_; }

 private:
  bool dropped_ = false;
  std::string error_;
};

void set_mtime(const fs::path& file, int64_t seconds) {
  fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::hours(1) + std::chrono::seconds(seconds));
}

LoadedConnector load(const fs::path& root, std::map<std::string, std::string> extra = {}) {
  extra["path"] = root.string();
  return LoadedConnector(TRELLIS_FOLDER_KB_PLUGIN, extra);
}

}  // namespace

TEST_CASE("folder-kb: a first sync sends every document with title, tags, text and a file URL") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path());
  CHECK(kb.plugin_id() == "folder-kb");
  CHECK(kb.offers_sync());
  CHECK(kb.offers_fetch());
  CHECK_FALSE(kb.offers_post());

  ConnectorRun run = kb.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  INFO(run.error);
  CHECK(run.cursor_written);
  CHECK(run.items.size() == 4);
  CHECK(run.count_deleted() == 0);

  const auto* lockout = run.find("lockout.md");
  REQUIRE(lockout);
  CHECK(lockout->kind == 1);  // TRELLIS_ITEM_DOCUMENT
  CHECK(lockout->title == "Lockout/tagout: lessons learnt");
  CHECK(lockout->tags == "safety,maintenance");
  CHECK(lockout->author == "Ada Safety");
  CHECK(lockout->body.find("Always isolate energy") != std::string::npos);
  CHECK(lockout->body.find("<b>") == std::string::npos);
  CHECK(lockout->body.find("title:") == std::string::npos);
  CHECK(lockout->url == "file://" + fs::canonical(dir.path()).string() + "/lockout.md");
  CHECK(lockout->updated.size() == 20);
  CHECK(lockout->updated.back() == 'Z');

  const auto* forklift = run.find("guides/forklift.html");
  REQUIRE(forklift);
  CHECK(forklift->title == "Forklift & pallet guide");
  CHECK(forklift->tags == "warehouse,forklift");
  CHECK(forklift->body.find("Check the forks & the horn.") != std::string::npos);
  CHECK(forklift->body.find("secret") == std::string::npos);

  const auto* spill = run.find("guides/incidents/2024-03 spill.txt");
  REQUIRE(spill);
  CHECK(spill->title == "2024 03 spill");
  CHECK(spill->url.find("2024-03%20spill.txt") != std::string::npos);
  const auto* drill = run.find("guides/setext.markdown");
  REQUIRE(drill);
  CHECK(drill->title == "Fire drill");
  CHECK_FALSE(run.find(".git/notes.md"));
  CHECK_FALSE(run.find("logo.png"));
}

TEST_CASE("folder-kb: a re-sync sends only what changed, and deleted files as deleted") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path());
  ConnectorRun first = kb.sync("");
  REQUIRE(first.status == TRELLIS_OK);

  ConnectorRun quiet = kb.sync(first.next_cursor);
  REQUIRE(quiet.status == TRELLIS_OK);
  CHECK(quiet.items.empty());

  write_file(dir / "lockout.md", "# Lockout v2\nNew procedure.\n");
  set_mtime(dir / "lockout.md", 10);
  set_mtime(dir / "guides/setext.markdown", 20);  // touched, same bytes: not sent again
  fs::remove(dir / "guides/forklift.html");
  write_file(dir / "guides/new.md", "# Ladder safety\nThree points of contact.\n");
  ConnectorRun second = kb.sync(quiet.next_cursor);
  REQUIRE(second.status == TRELLIS_OK);
  CHECK(second.items.size() == 3);
  REQUIRE(second.find("lockout.md"));
  CHECK(second.find("lockout.md")->title == "Lockout v2");
  REQUIRE(second.find("guides/forklift.html"));
  CHECK(second.find("guides/forklift.html")->deleted);
  REQUIRE(second.find("guides/new.md"));
  CHECK_FALSE(second.find("guides/setext.markdown"));

  SECTION("the host repeats a sync whose commit failed: the same items come again") {
    ConnectorRun again = kb.sync(quiet.next_cursor);
    REQUIRE(again.status == TRELLIS_OK);
    CHECK(again.items.size() == second.items.size());
    CHECK(again.next_cursor != second.next_cursor);
    ConnectorRun after = kb.sync(again.next_cursor);
    CHECK(after.items.empty());
  }
  SECTION("only the generation the host holds and the new one are kept") {
    size_t snapshots = 0;
    for (const auto& [key, value] : kb.kv()) snapshots += key.rfind("snapshot.", 0) == 0 && key.find_first_of("0123456789") != std::string::npos ? 1 : 0;
    CHECK(snapshots == 2);
  }
}

TEST_CASE("folder-kb: a junk or foreign cursor means a full sync") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path());
  for (std::string cursor : {std::string("\xff\xfe junk"), std::string("experts/1:1"), std::string("folder-kb/1:999")}) {
    ConnectorRun run = kb.sync(cursor);
    REQUIRE(run.status == TRELLIS_OK);
    CHECK(run.items.size() == 4);
  }
}

TEST_CASE("folder-kb: base_url maps files to an intranet URL") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path(), {{"base_url", "https://intranet.example/lessons"}});
  ConnectorRun run = kb.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  REQUIRE(run.find("guides/incidents/2024-03 spill.txt"));
  CHECK(run.find("guides/incidents/2024-03 spill.txt")->url ==
        "https://intranet.example/lessons/guides/incidents/2024-03%20spill.txt");
}

TEST_CASE("folder-kb: symbolic links never lead out of the folder") {
  TempDir outside, dir;
  write_file(outside / "secret.md", "# Payroll\n");
  fs::create_directories(outside / "elsewhere");
  write_file(outside / "elsewhere/more.md", "# More secrets\n");
  write_file(dir / "real.md", "# Real\n");
  fs::create_symlink(outside / "secret.md", dir / "escape.md");
  fs::create_symlink(dir / "real.md", dir / "alias.md");
  fs::create_directory_symlink(outside / "elsewhere", dir / "linked-dir");
  LoadedConnector kb = load(dir.path());
  ConnectorRun run = kb.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.find("real.md"));
  CHECK(run.find("alias.md"));
  CHECK_FALSE(run.find("escape.md"));
  CHECK_FALSE(run.find("linked-dir/more.md"));
  for (const auto& item : run.items) CHECK(item.body.find("Payroll") == std::string::npos);
  CHECK(kb.logged(TRELLIS_LOG_WARNING, "escape.md"));
  ConnectorRun fetched = kb.fetch("escape.md");
  CHECK(fetched.status == TRELLIS_ERR_NOT_FOUND);
  CHECK(kb.fetch("../" + outside.path().filename().string() + "/secret.md").status == TRELLIS_ERR_NOT_FOUND);
}

TEST_CASE("folder-kb: non-UTF-8 and unreadable files are skipped with a warning naming them") {
  TempDir dir;
  write_file(dir / "good.md", "# Good\n");
  write_file(dir / "latin1.md", "# Caf\xe9 cr\xe8me\n");
  write_file(dir / "nul.txt", std::string("text with\0a NUL", 15));
  LoadedConnector kb = load(dir.path());
  ConnectorRun run = kb.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.find("good.md"));
  CHECK_FALSE(run.find("latin1.md"));
  CHECK(kb.logged(TRELLIS_LOG_WARNING, "skipped 'latin1.md': not valid UTF-8"));
  REQUIRE(run.find("nul.txt"));  // NUL is valid UTF-8; the text reaches the host without it
  CHECK(run.find("nul.txt")->body.find('\0') == std::string::npos);

  SECTION("a file that turns bad is taken out of the index") {
    write_file(dir / "good.md", "# Good \xff\n");
    ConnectorRun second = kb.sync(run.next_cursor);
    REQUIRE(second.status == TRELLIS_OK);
    REQUIRE(second.find("good.md"));
    CHECK(second.find("good.md")->deleted);
  }
  SECTION("a file over max_file_bytes") {
    kb.set_setting("max_file_bytes", "64");
    write_file(dir / "big.md", "# Big\n" + std::string(100, 'x'));
    ConnectorRun second = kb.sync(run.next_cursor);
    REQUIRE(second.status == TRELLIS_OK);
    CHECK_FALSE(second.find("big.md"));
    CHECK(kb.logged(TRELLIS_LOG_WARNING, "skipped 'big.md': it is larger than max_file_bytes (64)"));
  }
  SECTION("a file nobody may read") {
    write_file(dir / "locked.md", "# Locked\n");
    fs::permissions(dir / "locked.md", fs::perms::none);
    kb.clear_logs();
    // Root reads any file, and CI runs as root: the sync then runs as `nobody`
    // (the folder opened to others), so the kernel refuses the file as it would
    // refuse any reader without rights to it.
    std::optional<UnprivilegedScope> as_nobody;
    if (geteuid() == 0) {
      fs::permissions(dir.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
      as_nobody.emplace();
      if (!as_nobody->dropped()) TRELLIS_SKIP("running as root and seteuid(65534) failed: " << as_nobody->error());
    }
    ConnectorRun second = kb.sync(run.next_cursor);
    as_nobody.reset();
    REQUIRE(second.status == TRELLIS_OK);
    CHECK_FALSE(second.find("locked.md"));
    CHECK(kb.logged(TRELLIS_LOG_WARNING, "locked.md"));
  }
}

TEST_CASE("folder-kb: a missing or wrong path is one clear error") {
  LoadedConnector unset(TRELLIS_FOLDER_KB_PLUGIN);
  ConnectorRun run = unset.sync("");
  CHECK(run.status == TRELLIS_ERR_INVALID_INPUT);
  CHECK(run.error.find("'path'") != std::string::npos);
  CHECK_FALSE(run.cursor_written);

  LoadedConnector wrong(TRELLIS_FOLDER_KB_PLUGIN, {{"path", "/no/such/folder-kb-test"}});
  run = wrong.sync("");
  CHECK(run.status == TRELLIS_ERR_IO);
  CHECK(run.error.find("/no/such/folder-kb-test") != std::string::npos);
}

TEST_CASE("folder-kb: search ranks the indexed documents against a module") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path());
  TestQuery q;
  q.title = "Forklift operation";
  CHECK(kb.search(q).items.empty());  // nothing indexed yet
  REQUIRE(kb.sync("").status == TRELLIS_OK);

  ConnectorRun hits = kb.search(q);
  REQUIRE(hits.status == TRELLIS_OK);
  REQUIRE_FALSE(hits.items.empty());
  CHECK(hits.items[0].ref == "guides/forklift.html");
  CHECK(hits.items[0].score > 0);
  CHECK(hits.items[0].score <= 1);
  CHECK_FALSE(hits.items[0].snippet.empty());

  TestQuery text;
  text.text = "maintenance energy";
  text.max_results = 1;
  hits = kb.search(text);
  REQUIRE(hits.items.size() == 1);
  CHECK(hits.items[0].ref == "lockout.md");

  TestQuery experts_only = q;
  experts_only.kinds = 1u << 2;
  CHECK(kb.search(experts_only).items.empty());

  TestQuery unrelated;
  unrelated.text = "quantum chromodynamics";
  CHECK(kb.search(unrelated).items.empty());
}

TEST_CASE("folder-kb: fetch re-reads one document") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path());
  ConnectorRun one = kb.fetch("guides/setext.markdown");
  REQUIRE(one.status == TRELLIS_OK);
  REQUIRE(one.items.size() == 1);
  CHECK(one.items[0].body.find("east stairs") != std::string::npos);
  CHECK(kb.fetch("nope.md").status == TRELLIS_ERR_NOT_FOUND);
  CHECK(kb.fetch("logo.png").status == TRELLIS_ERR_NOT_FOUND);
  CHECK(kb.fetch(".git/notes.md").status == TRELLIS_ERR_NOT_FOUND);
  CHECK(kb.fetch("").status == TRELLIS_ERR_NOT_FOUND);
}

TEST_CASE("folder-kb: a cancelled sync ends without a cursor") {
  TempDir dir;
  write_lessons(dir.path());
  LoadedConnector kb = load(dir.path());
  kb.cancel_now();
  ConnectorRun run = kb.sync("");
  CHECK(run.status == TRELLIS_ERR_CANCELLED);
  CHECK_FALSE(run.cursor_written);
}

TEST_CASE("folder-kb: junk inside documents never reaches the host as bad text") {
  TempDir dir;
  std::mt19937 rng(5);
  static const std::string kPieces[] = {"<", ">", "&", "&#x", ";", "---\n", "title: ", "# ", "<title>", "</title",
                                        "\"", "<script>", "\n", "\xc3\xa9", "&#0;", "&#xD800;", "\x01", "tags: [", "]"};
  std::uniform_int_distribution<size_t> piece(0, std::size(kPieces) - 1), len(0, 80);
  for (int i = 0; i < 300; ++i) {
    std::string doc;
    for (size_t k = 0, n = len(rng); k < n; ++k) doc += kPieces[piece(rng)];
    write_file(dir / ("junk-" + std::to_string(i) + (i % 2 ? ".md" : ".html")), doc);
  }
  LoadedConnector kb = load(dir.path());
  ConnectorRun run = kb.sync("");
  REQUIRE(run.status == TRELLIS_OK);
  CHECK(run.items.size() == 300);
  for (const auto& item : run.items) {
    INFO(item.ref);
    for (const std::string* f : {&item.title, &item.snippet, &item.body, &item.tags, &item.author})
      CHECK(trellis::connector_kit::valid_utf8(*f));
    CHECK_FALSE(item.title.empty());
  }
}
