#pragma once
// RetryPolicy: which failures are retried, how often, and how long to wait.
//
// Retryable (docs/tokportal-api.md §1.7): HTTP 408, 429 and 5xx, timeouts and
// dropped connections. Everything else is final; a 409 is never retried.
// A failure where the server may have acted (5xx, 408, timeout, dropped
// connection) is retried only when repeating the request is safe: a GET, or a
// mutation carrying an Idempotency-Key. A failed connect (nothing was sent)
// and a 429 (rejected before anything ran) are safe to retry for any request.
//
// Waits use exponential backoff with full jitter: before retry n (1-based) the
// wait is uniform in [0, min(max_delay, base_delay * 2^(n-1))]. A 429 waits
// Retry-After (1 s when absent) plus that jitter on repeated 429s. Retries stop
// after max_attempts attempts or when the next wait would pass max_elapsed.
#include <chrono>
#include <functional>

#include "ugc/core/clock.hpp"
#include "ugc/core/error.hpp"

namespace ugc::api {

struct RetryPolicy {
  int max_attempts = 6;
  Clock::duration max_elapsed = std::chrono::minutes(2);
  Clock::duration base_delay = std::chrono::milliseconds(500);
  Clock::duration max_delay = std::chrono::seconds(30);

  // Upper bound of the jittered wait before retry `n` (1-based).
  Clock::duration ceiling(int n) const;
  // Full jitter: `uniform01` returns a number in [0, 1).
  Clock::duration backoff(int n, const std::function<double()>& uniform01) const;
};

enum class FailureClass {
  final,          // do not retry (4xx other than 408/429, TLS errors, ...)
  retry_if_safe,  // the server may have acted: retry GETs and keyed mutations only
  retry_always,   // nothing ran: connect failed
  rate_limited,   // 429: wait Retry-After, then retry
};

FailureClass classify_status(int status);
// For errors returned by Transport::send.
FailureClass classify_transport_error(const Error& error);

}  // namespace ugc::api
