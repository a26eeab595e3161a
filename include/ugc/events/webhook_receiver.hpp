#pragma once
// WebhookReceiver: the HTTP endpoint of `ugc webhooks serve`. It accepts
// TokPortal deliveries (POST, any path), checks each one
// (check_webhook_delivery: signature, tolerance, event, header id) and records
// genuine events through an EventWriter before answering 200, so an event is
// durable before TokPortal considers it delivered. A replay or redelivery is
// answered 200 and changes nothing. Nothing else happens on the request
// thread: no API calls, no forwarding.
//
// Answers: 200 stored or duplicate; 400 malformed request or event; 401
// missing, malformed, stale or wrong signature, or a forged event-id header;
// 405 not a POST; 413 body over max_body (answered from the head, the body is
// never read); 431 head over its limits; 503 too many connections; 500 the
// state store failed (TokPortal retries).
//
// Limits: a request must arrive whole within `request_time` once its first
// byte came (slow clients are cut off, not waited for); an idle keep-alive
// connection is closed after `idle_timeout`; at most `max_connections` at
// once, one thread each. Meant to sit on loopback behind the user's reverse
// proxy, which terminates TLS.
//
// Thread-safe start/stop from one owner thread; the secret is never logged.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"
#include "ugc/events/event_writer.hpp"
#include "ugc/events/request_head.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

struct ReceiverOptions {
  std::string host = "127.0.0.1";
  int port = 8787;  // 0 = any free port (see WebhookReceiver::port)
  std::string secret;  // the endpoint's signing secret
  std::size_t max_body = 1 << 20;
  HttpHeadLimits head_limits;
  std::chrono::milliseconds request_time{5000};
  std::chrono::milliseconds idle_timeout{5000};
  std::size_t max_connections = 256;
  // Outbox labels queued for each new event (Forwarder::target_names()).
  std::vector<std::string> forward_targets;
};

// Counters since start, for logs and the soak bench.
struct ReceiverCounts {
  std::atomic<std::size_t> stored{0}, duplicates{0}, refused{0}, failed{0};
};

class WebhookReceiver {
 public:
  WebhookReceiver(ReceiverOptions options, state::Store& store, std::shared_ptr<Clock> clock);
  ~WebhookReceiver();  // stop()
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  // Binds and starts accepting on a background thread.
  Status start();
  // Stops accepting, cuts open connections and waits for their threads;
  // events already queued are committed first.
  void stop();

  int port() const { return port_; }
  const ReceiverCounts& counts() const { return counts_; }

 private:
  void accept_loop();
  void serve(int fd);
  // One delivery's answer: status and JSON body.
  std::pair<int, std::string> answer_delivery(const HttpRequestHead& head, const std::string& body);

  ReceiverOptions options_;
  std::shared_ptr<Clock> clock_;
  EventWriter writer_;
  ReceiverCounts counts_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mu_;
  std::condition_variable drained_;
  std::set<int> open_fds_;  // connections being served, cut on stop()
};

}  // namespace ugc::events
