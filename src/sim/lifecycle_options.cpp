#include "ugc/sim/lifecycle_options.hpp"

#include <optional>

namespace ugc::sim {
namespace {

std::optional<double> parse_whole_double(const std::string& text) {
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The option `key` as a number in [min, max]; none when absent.
Result<std::optional<double>> option_number(const std::map<std::string, std::string>& options, const char* key,
                                            double min, double max) {
  auto it = options.find(key);
  if (it == options.end()) return std::optional<double>();
  auto v = parse_whole_double(it->second);
  if (!v || *v < min || *v > max)
    return invalid_input(std::string("--sim-opt ") + key + "=" + it->second + ": expected a number from " +
                         std::to_string(min) + " to " + std::to_string(max));
  return std::optional<double>(*v);
}

}  // namespace

Result<LifecycleOptions> lifecycle_options_from(const std::map<std::string, std::string>& options) {
  LifecycleOptions out;
  auto hours = [](double h) { return std::chrono::seconds(static_cast<long>(h * 3600.0)); };
  struct HourKey { const char* key; std::chrono::seconds* field; };
  const HourKey hour_keys[] = {
      {"manager_accept_hours", &out.timings.accept_after},
      {"account_delivery_hours", &out.timings.account_delivery_after},
      {"review_window_hours", &out.timings.review_window},
      {"corrections_hours", &out.timings.corrections_turnaround},
  };
  for (const auto& hk : hour_keys) {
    auto v = option_number(options, hk.key, 0, 24 * 365);
    if (!v.ok()) return v.error();
    if (*v) *hk.field = hours(**v);
  }
  auto speed = option_number(options, "speed", 0, 3650);
  if (!speed.ok()) return speed.error();
  if (*speed) out.speed_days_per_second = **speed;
  auto tick = option_number(options, "lifecycle_tick_ms", 10, 60000);
  if (!tick.ok()) return tick.error();
  if (*tick) out.tick = std::chrono::milliseconds(static_cast<long>(**tick));
  return out;
}

}  // namespace ugc::sim
