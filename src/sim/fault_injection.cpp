#include "ugc/sim/fault_injection.hpp"

#include <chrono>
#include <mutex>
#include <thread>

#include "ugc/sim/rate_limit.hpp"

namespace ugc::sim {

void wait_injected_latency(World& world, const Faults& faults) {
  int latency_ms = 0;
  {
    std::lock_guard lock(world.mu);
    latency_ms = faults.latency_ms;
  }
  if (latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms));
}

StageAnswer inject_fault(World& world, const Faults& faults) {
  if (faults.extra_429_rate > 0 && world.fault_draw() < faults.extra_429_rate) return rate_limit_exceeded(1);
  if (faults.fail_rate > 0 && world.fault_draw() < faults.fail_rate)
    return Reply::error(503, "INTERNAL_ERROR", "Injected server fault (ugc sim --fail-rate)");
  return std::nullopt;
}

bool draw_connection_drop(const RequestContext& request, World& world, const Faults& faults) {
  // A replayed answer can be lost on the way too (and libcurl silently resends
  // a request whose reused connection died, which would otherwise hide a drop).
  const bool did_something = request.ran_handler || request.replayed;
  return did_something && faults.drop_rate > 0 && world.fault_draw() < faults.drop_rate;
}

}  // namespace ugc::sim
