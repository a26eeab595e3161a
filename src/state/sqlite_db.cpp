#include "sqlite_db.hpp"

#include "ugc/state/integrity.hpp"

namespace ugc::state {

ErrorKind error_kind_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CONSTRAINT:
      return ErrorKind::conflict;
    case SQLITE_NOTADB:
      return ErrorKind::invalid_input;
    case SQLITE_CORRUPT:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return ErrorKind::io;
    default:
      return ErrorKind::fatal;  // SQLITE_ERROR, MISUSE, ...: a bug in our SQL
  }
}

namespace {

// What the user can do about a failure, by result code.
const char* hint_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return " (another process is writing to the state file; retry when it is done)";
    case SQLITE_NOTADB:
      return " (this is not a ugc state file)";
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return " (check that the file and its directory are writable)";
    default:
      return "";
  }
}

}  // namespace

Error SqliteDb::error(int rc, const std::string& what) const {
  std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const std::string& file = path();
  if ((rc & 0xff) == SQLITE_CORRUPT)
    return io_error("state file " + file + " is damaged (" + what + ": " + detail + "); " + damage_advice(file));
  return Error(error_kind_for(rc), "state file " + file + ": " + what + ": " + detail + hint_for(rc));
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  // No per-call mutex: a connection is only used under its owner's lock (the
  // Store's mutex; the checkpointer's and a backup's connections by one
  // thread). SQLite's own locking of every call was 6% of an applied plan.
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
  if (rc != SQLITE_OK) return db->error(rc, "cannot open");
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

SqliteDb::~SqliteDb() {
  clear_cache();  // statements must be finalized before the connection closes
  if (db_) sqlite3_close_v2(db_);
}

Status SqliteDb::exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc, "executing \"" + sql.substr(0, 60) + "\"");
  return {};
}

Result<std::unique_ptr<Statement>> SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt, nullptr);
  if (rc != SQLITE_OK) return error(rc, "preparing \"" + std::string(sql.substr(0, 60)) + "\"");
  return std::unique_ptr<Statement>(std::make_unique<SqliteStatement>(this, stmt));
}

long long SqliteDb::changes() const { return sqlite3_changes64(db_); }
Result<long long> SqliteDb::last_insert_rowid() { return sqlite3_last_insert_rowid(db_); }
bool SqliteDb::in_transaction() const { return !sqlite3_get_autocommit(db_); }

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

Statement& SqliteStatement::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = db_->error(rc, "binding a value");
  return *this;
}

Statement& SqliteStatement::bind(int index, long long value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = db_->error(rc, "binding a value");
  return *this;
}

Statement& SqliteStatement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = db_->error(rc, "binding a value");
  return *this;
}

Statement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_status_.ok()) bind_status_ = db_->error(rc, "binding a value");
  return *this;
}

Result<bool> SqliteStatement::step() {
  if (!bind_status_.ok()) return bind_status_.error();
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The statement's own code is the precise one (e.g. SQLITE_CONSTRAINT_FOREIGNKEY).
  std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
  Error failure = db_->error(rc, "running \"" + sql.substr(0, 60) + "\"");
  sqlite3_reset(stmt_);
  return failure;
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = Status();
}

std::string SqliteStatement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string SqliteStatement::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  if (!p) return {};
  return std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

long long SqliteStatement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

bool SqliteStatement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

}  // namespace ugc::state
