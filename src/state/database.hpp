#pragma once
// The connection the Store and its parts talk SQL through: SQLite (the
// embedded default, sqlite_db.hpp) or PostgreSQL (the shared one, pg_db.hpp).
// SQL is written once, in SQLite's syntax with ?N placeholders; the
// PostgreSQL connection translates it (pg_dialect.hpp). Every failure becomes
// an ugc::Error naming the state. Private to src/state; not thread-safe (the
// Store serializes access).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ugc/core/result.hpp"

namespace ugc::state {

enum class Dialect { sqlite, postgres };

// A prepared statement. Bind parameters are 1-based, columns 0-based.
class Statement {
 public:
  virtual ~Statement() = default;
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  virtual Statement& bind(int index, std::string_view text) = 0;
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  virtual Statement& bind(int index, long long value) = 0;
  Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
  virtual Statement& bind_null(int index) = 0;
  virtual Statement& bind_blob(int index, std::string_view bytes) = 0;

  // Advances one row: true when a row is available, false when done.
  virtual Result<bool> step() = 0;
  // Steps to completion (for statements that return no rows we care about).
  Status run();
  // Ready for reuse: clears the cursor and the bound values.
  virtual void reset() = 0;

  virtual std::string text(int column) const = 0;
  virtual std::string blob(int column) const = 0;  // the bytes of a BLOB/BYTEA (or TEXT) column
  virtual long long integer(int column) const = 0;  // booleans read as 0/1
  virtual bool is_null(int column) const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements that return no rows.
  virtual Status exec(const std::string& sql) = 0;
  // A statement prepared once per connection and reused; it comes back reset.
  Result<Statement*> cached(const std::string& sql);
  // A one-off statement.
  virtual Result<std::unique_ptr<Statement>> prepare(std::string_view sql) = 0;

  // Rows changed by the last INSERT/UPDATE/DELETE.
  virtual long long changes() const = 0;
  // The id the last INSERT gave an INTEGER PRIMARY KEY AUTOINCREMENT column.
  virtual Result<long long> last_insert_rowid() = 0;
  // Inside BEGIN..COMMIT (or an aborted transaction still to roll back).
  virtual bool in_transaction() const = 0;
  // One query, on the dialect's catalog.
  Result<bool> table_exists(const std::string& name);

  // How errors name the state: the file path, or the URI without its password.
  const std::string& path() const { return path_; }
  void set_path(std::string path) { path_ = std::move(path); }

 protected:
  explicit Database(std::string path) : path_(std::move(path)) {}
  // Finalizes the cached statements: a connection's destructor calls it
  // before it closes the connection they belong to.
  void clear_cache() { cache_.clear(); }

 private:
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;  // by SQL text (SQLite's syntax)
};

}  // namespace ugc::state
