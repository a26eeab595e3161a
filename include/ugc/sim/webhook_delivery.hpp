#pragma once
// WebhookDeliveryQueue: POSTs signed webhook envelopes to registered endpoints
// on its own background thread, retrying failures with exponential backoff.
//
// The simulator's world lock is never held during network I/O: the routes and the
// lifecycle enqueue a fully built DeliveryRequest (URL, secret, exact body)
// under the world lock, and the queue reports every attempt to `AttemptSink`
// from its worker thread, with no queue lock held; the sink takes the world
// lock itself to update the deliveries log. Only loopback hosts are contacted
// (the simulator must never reach the internet); any other host fails the
// delivery at once with a recorded error and no retries.
//
// Backoff and signature timestamps use the real clock, not the simulated one:
// receivers check `t` against their own wall clock (§9.4, 300 s tolerance).
// Thread-safe. The destructor stops the worker; pending retries are dropped.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace ugc::sim {

struct WebhookRetryPolicy {
  int max_attempts = 5;                                   // automatic attempts per delivery
  std::chrono::milliseconds first_backoff{1000};          // wait before attempt 2
  double backoff_factor = 2.0;                            // each further wait multiplies by this
  std::chrono::milliseconds max_backoff{60000};
  std::chrono::milliseconds timeout{5000};                // connect and read timeout per attempt

  // Wait before attempt `next_attempt` (2-based: the first retry is attempt 2).
  std::chrono::milliseconds backoff_before(int next_attempt) const;
};

// One event to one endpoint, built by whoever emits the event.
struct DeliveryRequest {
  std::string delivery_id;
  std::string endpoint_id;
  std::string url;
  std::string signing_secret;
  std::string event_id;
  std::string event_type;
  std::string body;  // exact envelope bytes; signed and sent as is
};

// What happened on one attempt, reported to the AttemptSink.
struct DeliveryAttempt {
  std::string delivery_id;
  std::string endpoint_id;
  int attempt = 0;          // 1-based, counting earlier attempts of the same delivery
  bool success = false;     // HTTP 2xx
  int status_code = 0;      // 0 when there was no HTTP answer
  std::string error;        // empty on success
  std::string response_body;  // first 1 KiB of the answer
  std::int64_t duration_ms = 0;
  std::chrono::system_clock::time_point attempted_at;
  bool will_retry = false;  // another automatic attempt is scheduled
  std::chrono::system_clock::time_point next_attempt_at;  // meaningful when will_retry
};

// True for http(s) URLs whose host is 127.0.0.1, localhost or [::1].
bool is_loopback_url(const std::string& url);

class WebhookDeliveryQueue {
 public:
  using AttemptSink = std::function<void(const DeliveryAttempt&)>;

  WebhookDeliveryQueue(WebhookRetryPolicy policy, AttemptSink sink);
  ~WebhookDeliveryQueue();
  WebhookDeliveryQueue(const WebhookDeliveryQueue&) = delete;
  WebhookDeliveryQueue& operator=(const WebhookDeliveryQueue&) = delete;

  // Schedules an attempt now. `attempts_so_far` continues the count for a
  // manual retry of an earlier delivery (it gets a fresh budget of attempts).
  void enqueue(DeliveryRequest request, int attempts_so_far = 0);

  // Blocks until nothing is queued or in flight, or `timeout` passes; for
  // tests and shutdown. Returns true when idle.
  bool wait_idle(std::chrono::milliseconds timeout);

  WebhookRetryPolicy policy() const;

 private:
  struct Job {
    DeliveryRequest request;
    int attempt;        // number of the attempt this job makes
    int budget_end;     // last automatic attempt number
  };

  void run();
  DeliveryAttempt attempt_once(const Job& job) const;

  const WebhookRetryPolicy policy_;
  const AttemptSink sink_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::multimap<std::chrono::steady_clock::time_point, Job> due_;
  int in_flight_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace ugc::sim
