#include "ugc/events/forward_backoff.hpp"

#include <algorithm>

namespace ugc::events {

std::chrono::milliseconds forward_backoff(int failed_attempts, std::chrono::milliseconds first,
                                          std::chrono::milliseconds max, double jitter) {
  const auto cap = std::max(max, std::chrono::milliseconds(1));
  auto full = std::min(std::max(first, std::chrono::milliseconds(1)), cap);
  for (int i = 1; i < failed_attempts && full < cap; ++i) full = std::min(full * 2, cap);
  const double j = std::clamp(jitter, 0.0, 1.0);
  const auto half = full.count() / 2;
  return std::chrono::milliseconds(half + static_cast<long long>(static_cast<double>(full.count() - half) * j));
}

}  // namespace ugc::events
