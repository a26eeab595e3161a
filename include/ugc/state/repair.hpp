#pragma once
// `ugc state check --repair`: rebuild a damaged state file from what SQLite
// can still read. Every table is copied row by row into a fresh file of the
// current schema, reading forward by rowid until the first unreadable page and
// then backward from the end to it, so that rows on both sides of a damaged
// region survive. Rows that no longer fit (a slot whose bundle was lost) are
// dropped and counted. The lock table is not copied (a repaired file is not
// held by anyone) and the serial goes up, so saved plans made before are stale.
//
// The damaged file is never overwritten: it (and its -wal) is kept as
// `<state>.damaged-<UTC time>` and the repaired file takes its place.
#include <memory>
#include <string>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"

namespace ugc::state {

struct TableSalvage {
  std::string table;
  long long copied = 0;    // rows in the repaired file
  long long rejected = 0;  // read but dropped (they referenced lost rows)
  // Empty when every row was read; else which rows could not be read.
  std::string lost;
};

struct RepairReport {
  std::string damaged_kept_as;  // where the damaged file now is
  std::vector<TableSalvage> tables;
  bool complete() const;  // nothing lost or rejected
};

// Repairs the state file at `path` in place (see above). Fails, changing
// nothing, when not even the schema can be read.
Result<RepairReport> repair_state(const std::string& path, std::shared_ptr<Clock> clock);

}  // namespace ugc::state
