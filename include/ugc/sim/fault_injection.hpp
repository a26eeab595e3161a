#pragma once
// The faults `ugc sim` injects into API requests (--latency-ms, --extra-429-rate,
// --fail-rate, --drop-rate; GET/POST /__sim/faults changes them at runtime).
// Every draw comes from World::fault_draw, so a seed replays the same faults;
// the draws happen in a fixed order (extra 429, then 503, then the drop after
// the request), and only when the rate is above 0, so enabling one fault does
// not shift the others.
#include "ugc/sim/request_context.hpp"

namespace ugc::sim {

struct Faults {
  double fail_rate = 0;       // answer 503 INTERNAL_ERROR before anything runs
  double extra_429_rate = 0;  // answer 429 RATE_LIMIT_EXCEEDED before anything runs
  double drop_rate = 0;       // run the request, then drop the connection without answering
  int latency_ms = 0;         // added before each API request (outside the lock)
};

// Sleeps --latency-ms; takes World::mu only to read the setting, and sleeps without it.
void wait_injected_latency(World& world, const Faults& faults);

// Pipeline stage 3 (after the rate limit): 429 (Retry-After: 1) or 503
// INTERNAL_ERROR before anything runs. Needs World::mu held.
StageAnswer inject_fault(World& world, const Faults& faults);

// After the request: whether its connection is lost. Only a request that did
// something (ran its handler, or was answered from the idempotency store) can
// be dropped. Needs World::mu held.
bool draw_connection_drop(const RequestContext& request, World& world, const Faults& faults);

}  // namespace ugc::sim
