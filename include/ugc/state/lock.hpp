#pragma once
// The state lock: keeps two runs that write the same campaign apart (two
// applies would otherwise both create the same bundles), while runs of
// different campaigns in one state file go ahead at once.
//
// On PostgreSQL it is a session advisory lock instead (pg_lock.hpp), with the
// same scopes and the same guarantee: the server releases it when its
// holder's connection dies.
//
// It is an advisory lock of the operating system (Linux open-file-description
// locks, F_OFD_SETLK) on files beside the state, as databases lock their files,
// so the kernel releases it when its holder dies: a run killed with -9, by the
// OOM killer or by a reboot never leaves a lock behind, and a lock held by a
// live process is never broken.
//
//   <state>.locks/state.lock            shared by every campaign run; taken
//                                       exclusively by whole-state commands
//                                       (`ugc state mv/rm/upgrade`)
//   <state>.locks/campaign-<id>.lock    exclusive, one campaign's runs
//
// A lock file also holds its holder's record (id, pid, host, command, time),
// written once the lock is taken, only to name the holder to whoever waits.
//
// Older ugc versions kept the lock as a row of the state file. A row whose pid
// no longer runs on this host is removed by the next acquire_lock (logged); a
// live one, or one from another host, still blocks, and `ugc state unlock
// --force ID` (force_unlock) breaks it.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct LockRequest {
  LockRequest(std::string what, std::chrono::milliseconds wait, std::string scope = {})
      : command(std::move(what)), timeout(wait), campaign(std::move(scope)) {}
  std::string command;                   // what the run is, e.g. "ugc apply"
  std::chrono::milliseconds timeout{0};  // how long to wait for a held lock
  std::string campaign;                  // the campaign's scope; empty: the whole state
};

struct LockInfo {
  std::string id;  // holder id, random per run
  long long pid = 0;
  std::string host;
  std::string command;
  std::string acquired_at;  // ISO 8601 UTC
  bool stale = false;       // an old-style row on this host whose pid is not running
  std::string campaign;     // the scope held; empty: the whole state
  bool legacy = false;      // a row in the state file, left by an older ugc
};

// A held lock; released when destroyed (or by release()), and by the kernel
// (or the PostgreSQL server) when the process dies. Owns its file descriptors
// or its database connection; independent of any Store.
class StateLock {
 public:
  StateLock(StateLock&& other) noexcept;
  StateLock& operator=(StateLock&&) = delete;
  ~StateLock();

  const LockInfo& info() const { return info_; }
  const std::string& id() const { return info_.id; }
  Status release();

  // Whether this run still holds its lock; apply asks before each paid
  // request. A lock file is held as long as the process lives: always ok. A
  // PostgreSQL advisory lock ends with its connection (pg_terminate_backend,
  // a server restart, a network cut) and another run may take it, so this
  // sends one query on the lock's connection (is the key in pg_locks for its
  // own backend?). Lost: a conflict error, code STATE_LOCK_LOST, naming what
  // happened. Safe to call from several threads.
  Status verify_held() const;

 private:
  friend class LockTaker;
  friend class PgLockTaker;
  StateLock(std::vector<int> fds, LockInfo info) : fds_(std::move(fds)), info_(std::move(info)) {}
  StateLock(std::shared_ptr<void> session, std::function<Status()> held_check, LockInfo info)
      : session_(std::move(session)), held_check_(std::move(held_check)), info_(std::move(info)) {}
  std::vector<int> fds_;
  std::shared_ptr<void> session_;  // PostgreSQL: the connection holding the advisory locks
  std::function<Status()> held_check_;  // PostgreSQL: verify_held's query; empty for lock files
  LockInfo info_;
};

// The directory holding the lock files of `state_path`.
std::string lock_directory(const std::string& state_path);

// Takes the lock of request.campaign (or of the whole state), waiting up to
// request.timeout while another run holds it (polling every 50 ms on `clock`);
// then fails (conflict) with a message naming the holder. Needs no state file:
// a run may lock before it creates one.
Result<StateLock> acquire_lock(const std::string& state_path, Clock& clock, const LockRequest& request);
// The same, on the store's file and clock, and an old-style lock row: a dead
// one is removed, a live one blocks like a held lock.
Result<StateLock> acquire_lock(Store& store, const LockRequest& request);

// Breaks the old-style lock row held by `id`; returns what was broken.
// not_found when no row is held by `id`; conflict when `id` holds a lock of
// the operating system (a live process: it is never broken).
Result<LockInfo> force_unlock(Store& store, const std::string& id);
// Every current holder: whole-state, per-campaign, and an old-style row.
Result<std::vector<LockInfo>> current_locks(Store& store);
// The first current holder, if any.
Result<std::optional<LockInfo>> current_lock(Store& store);

// "30s", "2m", "500ms", "0", or a bare number of seconds: the --lock-timeout flag.
Result<std::chrono::milliseconds> parse_lock_timeout(std::string_view text);

}  // namespace ugc::state
