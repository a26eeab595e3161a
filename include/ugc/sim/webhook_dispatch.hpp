#pragma once
// WebhookDispatcher: turns the world's events into signed deliveries.
//
// A background thread waits on World::events_cv; with World::mu held it takes
// every event not yet dispatched, creates one delivery record per enabled
// endpoint subscribed to the event's type (in WebhookEndpoint::deliveries) and
// hands a fully built request to the WebhookDeliveryQueue; the network I/O then
// happens on the queue's thread, which reports each attempt back here, where
// the record is updated under World::mu. `webhook.test` events are never fanned
// out by subscription: POST /webhooks/{id}/test targets one endpoint.
//
// Delivery record (the items of GET /webhooks/{id}/deliveries): id, endpoint_id,
// event_id, event_type, status (pending|succeeded|failed), success, attempts,
// response_status_code, response_body, error, duration_ms, created_at (simulated
// time of queueing), last_attempt_at and next_attempt_at (real time: retries run
// on the wall clock), payload (the envelope). Keys starting with "_" are private.
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "ugc/core/result.hpp"
#include "ugc/sim/webhook_delivery.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

inline constexpr const char* kWebhookApiVersion = "2026-05-25";
inline constexpr std::size_t kMaxDeliveriesPerEndpoint = 1000;  // oldest dropped beyond this

// The retry policy from `ugc sim --sim-opt KEY=VALUE`: webhook_max_attempts (5),
// webhook_backoff_ms (1000, doubling), webhook_timeout_ms (5000). Bad numbers
// are an invalid_input error.
Result<WebhookRetryPolicy> webhook_policy_from_options(const std::map<std::string, std::string>& options);

// The exact bytes POSTed for `event`: {id, type, api_version, created_at, data}.
std::string webhook_envelope(const Event& event);
// A delivery record as the API shows it (private keys removed).
Json public_delivery(const Json& record);

class WebhookDispatcher {
 public:
  WebhookDispatcher(World& world, WebhookRetryPolicy policy);
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void start();
  void stop();  // joins the thread and the queue; pending retries are dropped

  // The calls below need World::mu held by the caller.
  // Fans out every undispatched event of every tenant.
  void dispatch_pending();
  // Creates a delivery of `event` to `endpoint` and queues it; returns the record.
  Json& queue_delivery(WebhookEndpoint& endpoint, const Event& event);
  // Queues another round of attempts for an existing record (manual retry).
  void retry(WebhookEndpoint& endpoint, Json& record);

  // For tests and shutdown: waits (without World::mu) until no delivery is in flight.
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  void run();
  void record_attempt(const DeliveryAttempt& attempt);

  World& world_;
  std::unique_ptr<WebhookDeliveryQueue> queue_;
  std::thread thread_;
  bool stopping_ = false;  // guarded by World::mu
};

}  // namespace ugc::sim
