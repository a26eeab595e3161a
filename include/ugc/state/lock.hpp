#pragma once
// The state lock: keeps two runs that write the state apart (two applies would
// otherwise both create the same bundles). It is a row in the state file, so it
// works wherever the file is shared, and it names its holder (id, pid, host,
// command, time) so that whoever waits can see who is in the way.
//
// A run killed with the lock held leaves it behind. acquire_lock() reports such
// a lock as probably stale when its pid is not running on this host, but never
// breaks it: only `ugc state unlock --force ID` (force_unlock) does.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::state {

struct LockRequest {
  std::string command;                   // what the run is, e.g. "ugc apply"
  std::chrono::milliseconds timeout{0};  // how long to wait for a held lock
};

struct LockInfo {
  std::string id;  // holder id, random per run
  long long pid = 0;
  std::string host;
  std::string command;
  std::string acquired_at;  // ISO 8601 UTC
  bool stale = false;       // on this host and its pid is not running
};

// A held lock; released when destroyed (or by release()). Holds on to the
// Store's insides: the Store must outlive it (moving the Store is fine).
class StateLock {
 public:
  StateLock(StateLock&& other) noexcept;
  StateLock& operator=(StateLock&&) = delete;
  ~StateLock();

  const LockInfo& info() const { return info_; }
  const std::string& id() const { return info_.id; }
  Status release();

 private:
  friend Result<StateLock> acquire_lock(Store& store, const LockRequest& request);
  StateLock(Store::Impl* impl, LockInfo info) : impl_(impl), info_(std::move(info)) {}
  Store::Impl* impl_;
  LockInfo info_;
};

// Takes the lock, waiting up to request.timeout while another run holds it
// (polling every 50 ms on the store's clock); then fails (conflict) with a
// message naming the holder.
Result<StateLock> acquire_lock(Store& store, const LockRequest& request);
// Breaks the lock held by `id`, whoever holds it; returns what was broken.
// not_found when `id` does not hold the lock.
Result<LockInfo> force_unlock(Store& store, const std::string& id);
// The current holder, if any.
Result<std::optional<LockInfo>> current_lock(Store& store);

// "30s", "2m", "500ms", "0", or a bare number of seconds: the --lock-timeout flag.
Result<std::chrono::milliseconds> parse_lock_timeout(std::string_view text);

}  // namespace ugc::state
