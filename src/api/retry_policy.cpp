#include "ugc/api/retry_policy.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "ugc/api/transport.hpp"

namespace ugc::api {

Clock::duration RetryPolicy::ceiling(int n) const {
  if (n < 1) n = 1;
  // 2^(n-1) without overflow: past 2^30 every realistic max_delay is reached.
  double factor = std::ldexp(1.0, std::min(n - 1, 30));
  double ns = std::chrono::duration<double, std::nano>(base_delay).count() * factor;
  double cap = std::chrono::duration<double, std::nano>(max_delay).count();
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::nano>(std::min(ns, cap)));
}

Clock::duration RetryPolicy::backoff(int n, const std::function<double()>& uniform01) const {
  double u = std::clamp(uniform01(), 0.0, 1.0);
  auto top = std::chrono::duration<double, std::nano>(ceiling(n));
  return std::chrono::duration_cast<Clock::duration>(top * u);
}

FailureClass classify_status(int status) {
  if (status == 429) return FailureClass::rate_limited;
  if (status == 408 || (status >= 500 && status <= 599)) return FailureClass::retry_if_safe;
  return FailureClass::final;  // includes 409: never retried automatically
}

FailureClass classify_transport_error(const Error& error) {
  const std::string& code = error.code();
  if (code == kConnectFailed) return FailureClass::retry_always;
  if (code == kTimedOut || code == kConnectionDropped) return FailureClass::retry_if_safe;
  return FailureClass::final;
}

}  // namespace ugc::api
