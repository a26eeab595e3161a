#include "ugc/sim/rate_limit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace ugc::sim {
namespace {

int64_t real_unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

// Refills by the real time since the last request, then takes one token if there is one.
bool take_token(TokenBucket& bucket, const RateLimit& limit) {
  auto now = std::chrono::steady_clock::now();
  if (bucket.tokens < 0) {
    bucket.tokens = limit.capacity;
  } else {
    double elapsed = std::chrono::duration<double>(now - bucket.last).count();
    bucket.tokens = std::min(limit.capacity, bucket.tokens + elapsed * limit.refill_per_sec);
  }
  bucket.last = now;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

}  // namespace

Reply rate_limit_exceeded(int64_t retry_after_seconds) {
  Reply r = Reply::error(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded; retry after the indicated delay",
                         Json{{"retry_after_seconds", retry_after_seconds}});
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return r;
}

StageAnswer rate_limit(RequestContext& request, const RateLimit& limit) {
  TokenBucket& b = request.tenant->bucket;
  const double cap = limit.capacity, refill = limit.refill_per_sec;
  const bool allowed = take_token(b, limit);
  request.headers.emplace_back("X-RateLimit-Limit", std::to_string(static_cast<int64_t>(cap)));
  request.headers.emplace_back("X-RateLimit-Remaining", std::to_string(static_cast<int64_t>(std::floor(b.tokens))));
  request.headers.emplace_back(
      "X-RateLimit-Reset", std::to_string(real_unix_seconds() + static_cast<int64_t>(std::ceil((cap - b.tokens) / refill))));
  if (allowed) return std::nullopt;
  return rate_limit_exceeded(std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1.0 - b.tokens) / refill))));
}

}  // namespace ugc::sim
