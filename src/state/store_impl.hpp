#pragma once
// The inside of a Store, shared by the state module's files (store, journal,
// events, lock, analytics). Not installed; not for other modules.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sqlite_db.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct Store::Impl {
  std::unique_ptr<Database> db;
  std::shared_ptr<Clock> clock;  // stamps journal, events, lock, caches; times lock waits
  std::string path;         // a file path, or a PostgreSQL URI without its password
  std::string connect_uri;  // PostgreSQL only: the URI as given (never printed)
  Access access = Access::read_only;
  std::recursive_mutex mu;
  bool in_transaction = false;   // a Transaction (or WriteScope) owns BEGIN..COMMIT
  bool resources_dirty = false;  // bump the serial at commit

  Status require_writable() const;
  // The SQLite connection, or an error naming `feature` as SQLite-only.
  Result<SqliteDb*> sqlite(const std::string& feature) const;
  // The clock's wall time as "YYYY-MM-DDTHH:MM:SS.mmmZ".
  std::string now_iso() const;
  // Runs COMMIT, bumping the serial first when resources changed.
  Status commit();
  void rollback();
};

// One write: joins the caller's Transaction when there is one, else runs in its
// own. Holds the Store's mutex for its lifetime. Uncommitted = rolled back.
class WriteScope {
 public:
  explicit WriteScope(Store::Impl& impl) : impl_(impl), hold_(impl.mu) {}
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  ~WriteScope();

  Status begin();
  // Marks the write as a change to planner-visible resources (serial bump).
  void touch_resources() { impl_.resources_dirty = true; }
  Status commit();

  Database& db() { return *impl_.db; }

 private:
  Store::Impl& impl_;
  std::lock_guard<std::recursive_mutex> hold_;
  bool owns_ = false;
};

// `t` in UTC as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string iso_utc(Clock::wall_time t);

// Creates an empty file with mode 0600 (and its directory, 0700), failing if
// it exists.
Status create_private_file(const std::string& path);
// Removes `path` and its -wal, -shm and -journal files.
void remove_with_side_files(const std::string& path);

// Renames a state file with its -wal (and drops its -shm).
Status move_state_file(const std::string& from, const std::string& to);

// PRAGMA quick_check's findings (empty: sound).
Result<std::vector<std::string>> quick_check_findings(SqliteDb& db);
// Refuses a damaged file (its -wal included) with damaged_state().
Status verify_integrity(SqliteDb& db, const std::string& path);

// Store::open for a postgres:// or postgresql:// URI (pg_store_open.cpp).
Result<std::unique_ptr<Store::Impl>> open_postgres_store(const std::string& uri, OpenMode mode, std::shared_ptr<Clock> clock);

// Checks the first bytes of an existing state file before SQLite sees it, so
// that a truncated file or another file type is reported as such.
Status check_file_header(const std::string& path);

}  // namespace ugc::state
