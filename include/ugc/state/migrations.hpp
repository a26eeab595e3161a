#pragma once
// The state schema as numbered migrations. Migration N takes a file from
// schema version N-1 to N; the version lives in SQLite's `PRAGMA user_version`
// and is set in the same transaction as the migration, so a file is always at
// exactly one version. Store::open applies the missing ones in a read-write
// open and refuses a file newer than kSchemaVersion.
//
// Rule: a released migration is never edited; change the schema by appending one.
// (tests/state/migration_test.cpp compares migration 1 with a frozen copy.)
#include <vector>

namespace ugc::state {

struct Migration {
  int version;
  const char* sql;
};

const std::vector<Migration>& migrations();

// The schema version this build writes and reads.
int latest_schema_version();

}  // namespace ugc::state
