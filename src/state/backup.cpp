// Backups of the state file through SQLite's online backup API, their
// rotation, and restoring one.
#include "ugc/state/backup.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store_impl.hpp"
#include "ugc/state/lock.hpp"

namespace ugc::state {

namespace {

namespace fs = std::filesystem;

// `base` itself, or base-1, base-2, ... when taken (two backups in one millisecond).
std::string unused_name(const std::string& base) {
  std::string name = base;
  for (int n = 1; fs::exists(name); ++n) name = base + "-" + std::to_string(n);
  return name;
}

// Copies all of `source` into the empty database file `dest`.
Status copy_database(SqliteDb& source, const std::string& dest) {
  auto db = SqliteDb::open(dest, SQLITE_OPEN_READWRITE);
  if (!db) return db.error();
  sqlite3_backup* backup = sqlite3_backup_init((*db)->handle(), "main", source.handle(), "main");
  if (!backup) return (*db)->error(sqlite3_extended_errcode((*db)->handle()), "starting a backup");
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE) return (*db)->error(stepped, "copying the state");
  if (finished != SQLITE_OK) return (*db)->error(finished, "copying the state");
  return {};
}

}  // namespace

Status move_state_file(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return io_error("cannot rename " + from + " to " + to + ": " + std::strerror(errno));
  // The -wal holds committed changes of `from`: it goes along. Left behind it
  // would be replayed into whatever file comes to `from` next.
  struct stat st {};
  if (::stat((from + "-wal").c_str(), &st) == 0 && ::rename((from + "-wal").c_str(), (to + "-wal").c_str()) != 0)
    return io_error("cannot rename " + from + "-wal to " + to + "-wal: " + std::strerror(errno));
  ::unlink((from + "-shm").c_str());
  return {};
}

std::string backup_dir(const std::string& state_path) { return state_path + ".backups"; }

std::string file_stamp(Clock::wall_time t) {
  std::string stamp = iso_utc(t);
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  return stamp;
}

Status backup_to(Store& store, const std::string& dest) {
  auto source = store.impl().sqlite("a file backup");
  if (!source) return source.error();
  const std::string temp = dest + ".tmp";
  remove_with_side_files(temp);  // a leftover of a killed run
  UGC_TRY(create_private_file(temp));
  Status copied;
  {
    std::lock_guard hold(store.impl().mu);
    copied = copy_database(**source, temp);
  }
  if (copied) copied = move_state_file(temp, dest);
  if (!copied) {
    remove_with_side_files(temp);
    return copied.error().with_context("backing up state file " + store.path() + " to " + dest);
  }
  return {};
}

Result<std::string> rotate_backup(Store& store, int keep) {
  if (store.impl().db->dialect() != Dialect::sqlite) return std::string();
  const std::string dir = backup_dir(store.path());
  const std::string name = fs::path(store.path()).filename().string();
  const std::string dest = unused_name(dir + "/" + name + "." + file_stamp(store.impl().clock->wall_now()));
  UGC_TRY(backup_to(store, dest));
  std::vector<std::string> all = list_backups(store.path());
  for (size_t i = 0; i + static_cast<size_t>(std::max(keep, 1)) < all.size(); ++i) ::unlink(all[i].c_str());
  return dest;
}

std::vector<std::string> list_backups(const std::string& state_path) {
  const std::string prefix = fs::path(state_path).filename().string() + ".";
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(backup_dir(state_path), ec)) {
    const std::string name = entry.path().filename().string();
    const bool side_file = name.ends_with(".tmp") || name.ends_with("-journal") || name.ends_with("-wal") ||
                           name.ends_with("-shm");
    if (entry.is_regular_file(ec) && name.starts_with(prefix) && !side_file) found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

Result<std::string> restore_backup(const std::string& state_path, const std::string& backup,
                                   std::shared_ptr<Clock> clock) {
  const std::string stamp = file_stamp(clock->wall_now());
  auto source = Store::open(backup, {Access::read_only}, clock);
  if (!source) return source.error().with_context("restoring " + backup);

  struct stat st {};
  const bool replacing = ::stat(state_path.c_str(), &st) == 0;
  if (replacing) {
    // A sound state in use by a run must not be pulled from under it.
    auto current = Store::open(state_path, {Access::read_only}, clock);
    if (current) {
      auto holder = current_lock(*current);
      if (holder && *holder && !(*holder)->stale)
        return conflict("state file " + state_path + " is locked by `" + (*holder)->command + "` (pid " +
                        std::to_string((*holder)->pid) + "): restore when it has finished");
    }
  }
  const std::string incoming = state_path + ".restoring";
  UGC_TRY(backup_to(*source, incoming));
  std::string kept;
  if (replacing) {
    kept = unused_name(state_path + ".replaced-" + stamp);
    UGC_TRY(move_state_file(state_path, kept));
  }
  UGC_TRY(move_state_file(incoming, state_path));
  return kept;
}

}  // namespace ugc::state
