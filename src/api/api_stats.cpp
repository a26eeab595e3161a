#include "ugc/api/api_stats.hpp"

namespace ugc::api {

ApiStatsSnapshot ApiStats::snapshot() const {
  ApiStatsSnapshot s;
  s.requests = requests.load();
  s.attempts = attempts.load();
  s.retries = retries.load();
  s.rate_limited = rate_limited.load();
  s.failures = failures.load();
  s.bytes_sent = bytes_sent.load();
  s.bytes_received = bytes_received.load();
  return s;
}

}  // namespace ugc::api
