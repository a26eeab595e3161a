#pragma once
// The lifecycle driver: makes the manager simulation (lifecycle_rules.hpp)
// happen on the world as simulated time passes. advance_lifecycle walks every
// bundle of every tenant and applies each manager step that is due
// (manager_steps.hpp), in time order.
//
// install_lifecycle (routes.hpp) wires it up:
//  - a World clock listener: every clock move (`POST /__sim/clock`, the ticker)
//    runs advance_lifecycle up to the new time;
//  - the ticker thread (lifecycle_ticker.hpp), started and stopped with the server;
//  - the client's review actions (routes_review.cpp, §5.10/§6.7);
//  - the lifecycle control routes (routes_lifecycle_control.cpp): ban, remake,
//    corrections (lifecycle_faults.hpp) and `POST /__sim/lifecycle/run`.
// The pieces, one file each: lifecycle_options (--sim-opt knobs),
// lifecycle_ticker, manager_steps (bundle progression), account_delivery,
// video_posting, lifecycle_faults, lifecycle_events (payloads).
// Every function here needs World::mu held by the caller.
#include "ugc/sim/lifecycle_options.hpp"
#include "ugc/sim/lifecycle_rules.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// Applies every manager step due at or before `now`, in time order, on every
// bundle of every tenant; events carry the step's simulated time. Returns the
// number of steps applied.
int advance_lifecycle(World& world, TimePoint now, const ManagerTimings& timings);

}  // namespace ugc::sim
