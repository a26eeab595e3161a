#pragma once
// The lifecycle driver: runs the manager simulation (lifecycle_rules.hpp) on the
// world as simulated time passes, and the lifecycle fault injection.
//
// install_lifecycle (routes.hpp) wires it up:
//  - a World clock listener: every clock move (`POST /__sim/clock`, the ticker)
//    runs advance_lifecycle up to the new time;
//  - a ticker thread: with `--sim-opt speed=N` (N simulated days per real
//    second; `ugc sim --speed N`) it moves the clock forward every tick;
//    without it, it still advances to the real-time-driven `now()` once a tick,
//    so timers fire on a long-running server;
//  - the client's review actions (API routes, §5.10/§6.7):
//      POST /bundles/{id}/account/finalize, POST /bundles/{id}/account/corrections
//      POST /bundles/{id}/videos/{position}/finalize, .../{position}/corrections
//    (in_review -> finalized | pending_corrections; else 409 ACCOUNT_INVALID_STATUS /
//    VIDEO_INVALID_STATUS; the manager resubmits corrections after corrections_hours);
//  - control routes (no auth, like every /__sim route):
//      POST /__sim/ban          {"bundle_id"} or {"account_id": saved id}
//      POST /__sim/remake       {"bundle_id"}
//      POST /__sim/corrections  {"bundle_id", "position"?: int, "comment"?}
//      POST /__sim/lifecycle/run  {}  (advance to now; answers the step count)
// Every function here needs World::mu held by the caller.
#include <map>
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/sim/lifecycle_rules.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct LifecycleOptions {
  ManagerTimings timings;
  double speed_days_per_second = 0;  // 0: the clock only moves by itself or by control
  std::chrono::milliseconds tick{200};
};

// From `--sim-opt` keys: speed, manager_accept_hours, account_delivery_hours,
// review_window_hours, corrections_hours, lifecycle_tick_ms.
Result<LifecycleOptions> lifecycle_options_from(const std::map<std::string, std::string>& options);

// Applies every manager step due at or before `now`, in time order, on every
// bundle of every tenant; events carry the step's simulated time. Returns the
// number of steps applied.
int advance_lifecycle(World& world, TimePoint now, const ManagerTimings& timings);

// Fault injection (also used by tests). Each answers an error message, empty on success.
std::string inject_ban(World& world, Tenant& tenant, const std::string& saved_account_id);
std::string inject_remake(World& world, Tenant& tenant, Bundle& bundle);
std::string inject_corrections(World& world, Tenant& tenant, Bundle& bundle, int position, const std::string& comment);

// The public post URL of a posted video (platform-shaped, derived from its id).
std::string post_url_for(const Bundle& bundle, const VideoSlot& slot, const std::string& username);

}  // namespace ugc::sim
