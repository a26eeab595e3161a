#pragma once
// Forwarder: drains the state's outbox (ugc/state/outbox.hpp) into the
// configured ForwardTargets, on its own thread, never on a request thread.
//
// Each pass takes the due rows in the order they were queued and sends them
// one by one; the first failure of a (target, bundle) stops that bundle for
// the pass and schedules its row after forward_backoff(attempts); a target
// that cannot be reached at all (a transient error) is paused for as long and
// not tried again in the pass. Outcomes are written in one transaction per
// pass: a row is deleted only after its target took the event, so a crash
// between the two sends it again (at-least-once, in order per bundle).
//
// deliver_due() is one pass, for tests on a FakeClock; start() runs passes on
// a thread until stop(), polling the outbox every `idle_poll` when there is
// nothing to send. The store and the targets must outlive the Forwarder.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/events/forward_target.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

struct ForwarderOptions {
  std::chrono::milliseconds first_delay{1000};
  std::chrono::milliseconds max_delay{std::chrono::minutes(5)};
  std::chrono::milliseconds idle_poll{50};
  int batch = 256;  // rows read per pass
  std::uint64_t seed = std::random_device{}();  // of the jitter
};

struct ForwarderCounts {
  std::atomic<std::size_t> delivered{0}, failed{0};
};

class Forwarder {
 public:
  Forwarder(state::Store& store, std::vector<std::unique_ptr<ForwardTarget>> targets, std::shared_ptr<Clock> clock,
            ForwarderOptions options = {});
  ~Forwarder();  // stop()
  Forwarder(const Forwarder&) = delete;
  Forwarder& operator=(const Forwarder&) = delete;

  // The targets' outbox labels, in order (what the event writer queues for).
  std::vector<std::string> target_names() const;

  // One pass; the number of sends attempted.
  Result<std::size_t> deliver_due();

  void start();
  // Finishes the send in progress, records the pass's outcomes, stops.
  void stop();

  const ForwarderCounts& counts() const { return counts_; }

 private:
  void run();
  ForwardTarget* target_named(const std::string& name) const;

  state::Store& store_;
  std::vector<std::unique_ptr<ForwardTarget>> targets_;
  std::shared_ptr<Clock> clock_;
  ForwarderOptions options_;
  std::mt19937_64 rng_;
  std::map<std::string, Clock::time_point> paused_until_;  // unreachable targets
  ForwarderCounts counts_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace ugc::events
