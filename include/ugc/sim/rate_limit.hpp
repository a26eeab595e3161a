#pragma once
// Pipeline stage 2, rate limit: one token bucket per tenant (Tenant::bucket,
// not persisted), full on first use. Every request after authentication gets
// X-RateLimit-Limit / -Remaining (floor of the bucket) / -Reset (REAL Unix
// seconds, since clients compare it with their own clock) in
// `request.headers`; an empty bucket answers 429 RATE_LIMIT_EXCEEDED with
// Retry-After = time until one token is back, at least 1 s. Needs World::mu held.
#include <cstdint>

#include "ugc/sim/request_context.hpp"

namespace ugc::sim {

struct RateLimit {
  double capacity = 120;
  double refill_per_sec = 2;
};

// Needs `request.tenant` (authenticate).
StageAnswer rate_limit(RequestContext& request, const RateLimit& limit);

// 429 RATE_LIMIT_EXCEEDED with Retry-After and details.retry_after_seconds.
Reply rate_limit_exceeded(int64_t retry_after_seconds);

}  // namespace ugc::sim
