#pragma once
// Backups of the state file. A backup is a complete, self-contained SQLite
// copy taken with SQLite's online backup API, so it is consistent even while
// another connection writes. Automatic and default backups live next to the
// state in `<state>.backups/`, named `<state file name>.<UTC time>` (for
// example `.ugc/state.db.backups/state.db.2027-01-15T12-00-00.000Z`), so that
// name order is age order. `ugc apply` takes one before its first write and
// keeps the newest kBackupsKept.
//
// restore_backup() puts a backup in place of the state file; the file it
// replaces (with its -wal) is kept beside it as `<state>.replaced-<UTC time>`.
#include <string>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

inline constexpr int kBackupsKept = 5;

// `<state>.backups`
std::string backup_dir(const std::string& state_path);

// "2027-01-15T12-00-00.000Z": an ISO time that is a file name everywhere.
std::string file_stamp(Clock::wall_time t);

// Writes a consistent copy of the whole state to `dest` (mode 0600, through a
// temporary file renamed into place; its directory is created).
Status backup_to(Store& store, const std::string& dest);

// A new backup in backup_dir(); then deletes the oldest beyond `keep`.
// Returns the new backup's path; "" for a PostgreSQL state, which has no
// file to copy (its server's backups keep it; `ugc state pull` takes a copy).
Result<std::string> rotate_backup(Store& store, int keep = kBackupsKept);

// The backups in backup_dir(state_path), oldest first.
std::vector<std::string> list_backups(const std::string& state_path);

// Replaces the state file by a copy of `backup`, which must be a sound ugc
// state file. The replaced file and its -wal are kept under
// `<state>.replaced-<UTC time>`; returns that path ("" when there was none).
// Must not run while another ugc uses the state.
Result<std::string> restore_backup(const std::string& state_path, const std::string& backup,
                                   std::shared_ptr<Clock> clock);

}  // namespace ugc::state
