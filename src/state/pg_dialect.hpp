#pragma once
// The state's SQL is written once, in SQLite's syntax; these turn it into
// PostgreSQL's. Only what the state module's SQL uses is translated.
#include <string>
#include <string_view>

namespace ugc::state {

struct PostgresStatement {
  std::string sql;      // with $1, $2, ... placeholders
  int parameters = 0;   // the highest placeholder number
};

// A statement: ?N and ? become $N; `x IS NOT ?N` becomes IS DISTINCT FROM;
// rowid becomes ctid; BEGIN IMMEDIATE becomes BEGIN (writers of one
// campaign are kept apart by its lock, not by the database), a bare BEGIN (a
// read of several queries) a REPEATABLE READ snapshot.
PostgresStatement postgres_statement(std::string_view sqlite_sql);

// A migration: INTEGER PRIMARY KEY AUTOINCREMENT becomes an identity column,
// INTEGER BIGINT (SQLite's integers are 64-bit), BLOB BYTEA, randomblob()
// gen_random_uuid(), and the column `user` (reserved) is quoted.
std::string postgres_schema(std::string_view sqlite_ddl);

}  // namespace ugc::state
