#pragma once
// The PostgreSQL connection (database.hpp) over libpq. Statements are written
// in SQLite's syntax and translated (pg_dialect.hpp); values are sent typed
// (text, int8, bytea), results read as text. Every failure becomes an
// ugc::Error naming the state by its URI without a password, with a kind
// chosen from the SQLSTATE (integrity and serialization -> conflict, a lost
// connection -> io, ...). Private to src/state.
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "database.hpp"

namespace ugc::state {

class PgDb;

struct PgResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

class PgStatement final : public Statement {
 public:
  PgStatement(PgDb* db, std::string sql, int parameters);

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
  Statement& set(int index, Oid type, std::string value, int format, bool null);

  PgDb* db_;
  std::string sql_;
  std::vector<std::string> values_;
  std::vector<Oid> types_;
  std::vector<int> formats_;     // 0 text, 1 binary
  std::vector<bool> nulls_;
  Status bind_status_;
  PgResult result_;
  int row_ = -1;
};

class PgDb final : public Database {
 public:
  // Connects with the URI (its environment supplies what it leaves out:
  // PGPASSWORD, ~/.pgpass, PGSERVICE); errors name it without a password.
  static Result<std::unique_ptr<PgDb>> connect(const std::string& uri);
  ~PgDb() override;

  Dialect dialect() const override { return Dialect::postgres; }
  Status exec(const std::string& sql) override;
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql) override;

  long long changes() const override { return changes_; }
  Result<long long> last_insert_rowid() override;
  bool in_transaction() const override;

  // The Error for a failed command (`result` may be null) while doing `what`.
  Error error(const PGresult* result, const std::string& what) const;
  // Whether the server is still there: false once the connection was lost.
  bool connected() const;

  PGconn* handle() const { return conn_; }
  void set_changes(long long n) { changes_ = n; }

 private:
  PgDb(PGconn* conn, std::string shown) : Database(std::move(shown)), conn_(conn) {}
  PGconn* conn_;
  long long changes_ = 0;
};

}  // namespace ugc::state
