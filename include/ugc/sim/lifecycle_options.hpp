#pragma once
// The lifecycle's knobs, from `ugc sim --sim-opt KEY=VALUE` (and `--speed N`):
// the manager's timings (lifecycle_rules.hpp), how fast the clock runs by
// itself, and how often the ticker looks (lifecycle_ticker.hpp).
#include <chrono>
#include <map>
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/sim/lifecycle_rules.hpp"

namespace ugc::sim {

struct LifecycleOptions {
  ManagerTimings timings;
  double speed_days_per_second = 0;  // 0: the clock only moves by itself or by control
  std::chrono::milliseconds tick{200};
};

// From `--sim-opt` keys: speed, manager_accept_hours, account_delivery_hours,
// review_window_hours, corrections_hours, lifecycle_tick_ms. Other keys are
// ignored (other areas read them); a bad number is an invalid_input error.
Result<LifecycleOptions> lifecycle_options_from(const std::map<std::string, std::string>& options);

}  // namespace ugc::sim
