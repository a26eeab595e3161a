#pragma once
// Copying a whole state from one store to another, across backends (SQLite
// <-> PostgreSQL): `ugc state migrate --to` and `ugc state pull -o`. Every
// table of the schema is copied row for row (ids, the serial and the state id
// included, so saved plans stay bound and journal entries keep their ids) in
// one transaction on the destination, read from one snapshot of the source,
// and then verified: per table, the row count and a checksum of the rows
// (order-independent) must be the same on both sides.
#include <string>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct TableCopy {
  std::string table;
  long long rows = 0;
  std::string sha256;  // of the table's rows, sorted
};

// Copies `from` into `to`, which must hold no state yet (a new file or an
// empty database); conflict otherwise. Returns what was verified.
Result<std::vector<TableCopy>> copy_state(Store& from, Store& to);

// The per-table counts and checksums of a store, as copy_state compares them.
Result<std::vector<TableCopy>> state_checksums(Store& store);

}  // namespace ugc::state
