#pragma once
// A thin RAII layer over the sqlite3 C API for the state module: one connection
// (SqliteDb) and prepared statements (Statement). Every failure becomes an
// ugc::Error that names the state file and carries sqlite3_errmsg, with a kind
// chosen from the SQLite result code (busy -> conflict, corrupt/IO -> io, ...).
// Private to src/state; not thread-safe (the Store serializes access).
#include <sqlite3.h>

#include <unordered_map>
#include <memory>
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc::state {

class SqliteDb;

// A prepared statement. Bind parameters are 1-based, columns 0-based.
class Statement {
 public:
  Statement(SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, long long value);
  Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);

  // Advances one row: true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion (for statements that return no rows we care about).
  Status run();
  // Ready for reuse: clears the cursor and the bound values.
  void reset();

  std::string text(int column) const;
  std::string blob(int column) const;  // the bytes of a BLOB (or TEXT) column
  long long integer(int column) const;
  bool is_null(int column) const;

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  Status bind_status_;  // first bind failure, reported by step()
};

class SqliteDb {
 public:
  // flags: SQLITE_OPEN_READONLY or SQLITE_OPEN_READWRITE (never CREATE: the
  // Store creates files itself, with mode 0600).
  static Result<std::unique_ptr<SqliteDb>> open(const std::string& path, int flags);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  // Runs one or more statements that return no rows.
  Status exec(const std::string& sql);
  // A statement prepared once per connection and reused; it comes back reset.
  Result<Statement*> cached(const std::string& sql);
  // A one-off statement.
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql);

  long long changes() const;
  long long last_insert_rowid() const;

  // The Error for a failed SQLite call `rc` while doing `what`.
  Error error(int rc, const std::string& what) const;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  // The name errors use, when the file was opened through a URI.
  void set_path(std::string path) { path_ = std::move(path); }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;  // by SQL text
};

// The ErrorKind for an SQLite result code (primary or extended).
ErrorKind error_kind_for(int rc);

}  // namespace ugc::state
