#pragma once
// ApiStats: counters of one client's traffic, for the apply summary and the
// benchmarks. Lock-free and safe to update from many threads; snapshot() reads
// them all (not atomically as a group, which is fine for reporting).
#include <atomic>
#include <cstdint>

namespace ugc::api {

struct ApiStatsSnapshot {
  std::uint64_t requests = 0;      // logical calls of Client::request
  std::uint64_t attempts = 0;      // HTTP requests actually sent (includes retries)
  std::uint64_t retries = 0;       // attempts after the first
  std::uint64_t rate_limited = 0;  // 429 answers received
  std::uint64_t failures = 0;      // calls that ended in an error
  std::uint64_t bytes_sent = 0;    // request bodies (files streamed count too)
  std::uint64_t bytes_received = 0;
};

class ApiStats {
 public:
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> attempts{0};
  std::atomic<std::uint64_t> retries{0};
  std::atomic<std::uint64_t> rate_limited{0};
  std::atomic<std::uint64_t> failures{0};
  std::atomic<std::uint64_t> bytes_sent{0};
  std::atomic<std::uint64_t> bytes_received{0};

  ApiStatsSnapshot snapshot() const;
};

}  // namespace ugc::api
