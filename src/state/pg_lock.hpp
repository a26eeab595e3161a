#pragma once
// The state lock on PostgreSQL (lock.hpp): session advisory locks, which the
// server releases when the holder's connection ends, so a killed run (kill
// -9, a lost machine) never needs a manual unlock. A campaign run holds the
// whole-state key shared and its campaign's key exclusively; a whole-state
// command holds the whole-state key exclusively. Each lock has its own
// connection, owned by the StateLock. The holder's record (host, pid,
// command, since) lives in ugc_lock_holders, keyed by the scope, and is
// believed only while its backend still holds the advisory lock (pg_locks).
#include <functional>
#include <string>
#include <vector>

#include "ugc/state/lock.hpp"

namespace ugc::state {

Result<StateLock> acquire_pg_lock(const std::string& uri, Clock& clock, const LockRequest& request,
                                  const std::function<std::string()>& now_iso);
// Every current holder of a lock on the PostgreSQL state at `uri`.
Result<std::vector<LockInfo>> current_pg_locks(const std::string& uri);

}  // namespace ugc::state
