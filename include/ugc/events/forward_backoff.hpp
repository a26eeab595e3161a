#pragma once
// The wait before the next attempt to forward an event: exponential from
// `first` (doubling per failed attempt, capped at `max`), with "equal jitter"
// (a random point in the upper half of that), so targets coming back are not
// hit by every pending event at the same instant. Pure: the caller draws
// `jitter` in [0, 1).
#include <chrono>

namespace ugc::events {

std::chrono::milliseconds forward_backoff(int failed_attempts, std::chrono::milliseconds first,
                                          std::chrono::milliseconds max, double jitter);

}  // namespace ugc::events
