#include "store/database.hpp"

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/wal_limit.hpp"

namespace trellis::store {
namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  int code = db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
  // A constraint violation is the caller's data clashing with what is stored.
  ErrorKind kind = (code & 0xff) == SQLITE_CONSTRAINT ? ErrorKind::conflict : ErrorKind::environment;
  return make_error(kind, std::move(msg));
}

}  // namespace

namespace {

// Prepared statements kept per connection for reuse: the data-access layers
// prepare at every call, and for a short query (one LRS statement lookup, one
// insert of a batch) preparing costs as much as running. Each connection is
// used by one thread at a time; the mutex only guards the shared map. Never
// destroyed, so statements released during static destruction stay safe.
struct StatementCache {
  static constexpr size_t kPerConnection = 64;
  std::mutex mutex;
  std::unordered_map<sqlite3*, std::unordered_multimap<std::string, sqlite3_stmt*>> idle;
};

StatementCache& statement_cache() {
  static auto* cache = new StatementCache;
  return *cache;
}

sqlite3_stmt* take_cached(sqlite3* db, std::string_view sql) {
  auto& cache = statement_cache();
  std::lock_guard lock(cache.mutex);
  auto conn = cache.idle.find(db);
  if (conn == cache.idle.end()) return nullptr;
  auto hit = conn->second.find(std::string(sql));
  if (hit == conn->second.end()) return nullptr;
  sqlite3_stmt* stmt = hit->second;
  conn->second.erase(hit);
  return stmt;
}

void release_statement(sqlite3* db, sqlite3_stmt* stmt) {
  if (stmt == nullptr) return;
  if (db == nullptr) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const char* text = sqlite3_sql(stmt);
  auto& cache = statement_cache();
  sqlite3_stmt* evicted = nullptr;
  {
    std::lock_guard lock(cache.mutex);
    auto& idle = cache.idle[db];
    // Queries built with literals (paging bounds) make many distinct texts:
    // a full cache gives up one statement rather than grow.
    if (idle.size() >= StatementCache::kPerConnection) {
      evicted = idle.begin()->second;
      idle.erase(idle.begin());
    }
    idle.emplace(text != nullptr ? text : "", stmt);
  }
  if (evicted != nullptr) sqlite3_finalize(evicted);
}

// Before a connection closes, every statement it kept.
void forget_connection(sqlite3* db) {
  std::unordered_multimap<std::string, sqlite3_stmt*> idle;
  {
    auto& cache = statement_cache();
    std::lock_guard lock(cache.mutex);
    auto conn = cache.idle.find(db);
    if (conn == cache.idle.end()) return;
    idle = std::move(conn->second);
    cache.idle.erase(conn);
  }
  for (auto& [sql, stmt] : idle) sqlite3_finalize(stmt);
}

}  // namespace

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release_statement(db_, stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { release_statement(db_, stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data() == nullptr ? "" : text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}
Statement& Statement::bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}
Statement& Statement::bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data() == nullptr ? "" : bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}
Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Result<bool> Statement::step() {
  if (bind_error_ != SQLITE_OK)
    return make_error(ErrorKind::internal, std::string("binding a parameter failed: ") + sqlite3_errstr(bind_error_));
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, "database statement failed");
}

Status Statement::run() {
  while (true) {
    auto r = step();
    if (!r) return r.error();
    if (!r.value()) return {};
  }
}

Result<std::vector<std::string>> Statement::first_column_texts() {
  std::vector<std::string> out;
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(text(0));
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), static_cast<size_t>(n));
}

Result<Database> Database::open_with(const std::filesystem::path& file, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(db, "cannot open database '" + file.string() + "'");
    e.kind = ErrorKind::environment;
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  Database out(db, file);
  // synchronous is per connection, so every connection sets it, not just the
  // one that migrated. In WAL mode NORMAL skips the fsync at each commit but
  // never loses a committed transaction when the process dies (kill -9, crash):
  // only a power cut or kernel panic can take the last commits with it (FULL
  // would fsync at every commit; see docs/admin.md for the figures).
  if (auto st = out.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"); !st) return st.error();
  // Any connection may be the one that starts the log over after a complete
  // checkpoint; with this limit it then also cuts the file back (wal_limit.hpp).
  if (auto st = out.exec("PRAGMA journal_size_limit = " + std::to_string(kWalLimitBytes)); !st) return st.error();
  return out;
}

Result<Database> Database::open(const std::filesystem::path& file) {
  return open_with(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

Result<Database> Database::open_existing(const std::filesystem::path& file) {
  return open_with(file, SQLITE_OPEN_READWRITE);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) {
      forget_connection(db_);
      sqlite3_close_v2(db_);
    }
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() {
  if (db_ != nullptr) {
    forget_connection(db_);
    sqlite3_close_v2(db_);
  }
}

Result<Statement> Database::prepare(std::string_view sql) {
  if (sqlite3_stmt* cached = take_cached(db_, sql)) return Statement(db_, cached);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db_, "cannot prepare statement");
  return Statement(db_, stmt);
}

Status Database::exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    int code = sqlite3_extended_errcode(db_);
    return make_error((code & 0xff) == SQLITE_CONSTRAINT ? ErrorKind::conflict : ErrorKind::environment,
                      "database error: " + msg);
  }
  return {};
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Result<Transaction> Transaction::begin(Database& db) {
  if (auto st = db.exec("BEGIN IMMEDIATE;"); !st) return st.error();
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK;");
}

Status Transaction::commit() {
  if (db_ == nullptr) return make_error(ErrorKind::internal, "transaction already finished");
  Database* db = std::exchange(db_, nullptr);
  if (auto st = db->exec("COMMIT;"); !st) {
    (void)db->exec("ROLLBACK;");
    return st;
  }
  return {};
}

}  // namespace trellis::store
