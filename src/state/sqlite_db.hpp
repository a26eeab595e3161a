#pragma once
// The SQLite connection (database.hpp) over the sqlite3 C API: one connection
// (SqliteDb) and prepared statements (SqliteStatement). Every failure becomes
// an ugc::Error that names the state file and carries sqlite3_errmsg, with a
// kind chosen from the SQLite result code (busy -> conflict, corrupt/IO -> io,
// ...). Private to src/state.
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "database.hpp"

namespace ugc::state {

class SqliteDb;

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override;

  using Statement::bind;
  Statement& bind(int index, std::string_view text) override;
  Statement& bind(int index, long long value) override;
  Statement& bind_null(int index) override;
  Statement& bind_blob(int index, std::string_view bytes) override;

  Result<bool> step() override;
  void reset() override;

  std::string text(int column) const override;
  std::string blob(int column) const override;
  long long integer(int column) const override;
  bool is_null(int column) const override;

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  Status bind_status_;  // first bind failure, reported by step()
};

class SqliteDb final : public Database {
 public:
  // flags: SQLITE_OPEN_READONLY or SQLITE_OPEN_READWRITE (never CREATE: the
  // Store creates files itself, with mode 0600).
  static Result<std::unique_ptr<SqliteDb>> open(const std::string& path, int flags);
  ~SqliteDb() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  Status exec(const std::string& sql) override;
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql) override;

  long long changes() const override;
  Result<long long> last_insert_rowid() override;
  bool in_transaction() const override;

  // The Error for a failed SQLite call `rc` while doing `what`.
  Error error(int rc, const std::string& what) const;

  sqlite3* handle() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : Database(std::move(path)), db_(db) {}
  sqlite3* db_;
};

// The ErrorKind for an SQLite result code (primary or extended).
ErrorKind error_kind_for(int rc);

}  // namespace ugc::state
