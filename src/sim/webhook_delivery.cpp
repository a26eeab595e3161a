#include "ugc/sim/webhook_delivery.hpp"

#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <regex>

#include "ugc/sim/webhook_signature.hpp"

namespace ugc::sim {
namespace {

constexpr std::size_t kResponseExcerpt = 1024;

struct ParsedUrl {
  std::string scheme_host_port;
  std::string host;
  std::string path;
};

bool parse_url(const std::string& url, ParsedUrl& out) {
  static const std::regex re(R"(^(https?)://(\[[0-9a-fA-F:]+\]|[^/:?#\[\]]+)(:[0-9]{1,5})?([/?].*)?$)");
  std::smatch m;
  if (!std::regex_match(url, m, re)) return false;
  out.host = m[2].str();
  std::transform(out.host.begin(), out.host.end(), out.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  out.scheme_host_port = m[1].str() + "://" + m[2].str() + m[3].str();
  out.path = m[4].matched ? m[4].str() : "/";
  if (out.path.front() == '?') out.path = "/" + out.path;
  return true;
}

}  // namespace

std::chrono::milliseconds WebhookRetryPolicy::backoff_before(int next_attempt) const {
  double ms = static_cast<double>(first_backoff.count()) *
              std::pow(backoff_factor, std::max(0, next_attempt - 2));
  ms = std::min(ms, static_cast<double>(max_backoff.count()));
  return std::chrono::milliseconds(static_cast<std::int64_t>(ms));
}

bool is_loopback_url(const std::string& url) {
  ParsedUrl p;
  if (!parse_url(url, p)) return false;
  return p.host == "127.0.0.1" || p.host == "localhost" || p.host == "[::1]";
}

WebhookDeliveryQueue::WebhookDeliveryQueue(WebhookRetryPolicy policy, AttemptSink sink)
    : policy_(policy), sink_(std::move(sink)), worker_([this] { run(); }) {}

WebhookDeliveryQueue::~WebhookDeliveryQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

WebhookRetryPolicy WebhookDeliveryQueue::policy() const { return policy_; }

void WebhookDeliveryQueue::enqueue(DeliveryRequest request, int attempts_so_far) {
  {
    std::lock_guard lock(mutex_);
    const int first = attempts_so_far + 1;
    due_.emplace(std::chrono::steady_clock::now(),
                 Job{std::move(request), first, attempts_so_far + policy_.max_attempts});
  }
  wake_.notify_all();
}

bool WebhookDeliveryQueue::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return due_.empty() && in_flight_ == 0; });
}

void WebhookDeliveryQueue::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (due_.empty()) {
      idle_.notify_all();
      wake_.wait(lock, [this] { return stopping_ || !due_.empty(); });
      continue;
    }
    auto next = due_.begin();
    if (next->first > std::chrono::steady_clock::now()) {
      wake_.wait_until(lock, next->first);
      continue;
    }
    Job job = std::move(next->second);
    due_.erase(next);
    ++in_flight_;
    lock.unlock();

    DeliveryAttempt result = attempt_once(job);
    if (!result.success && result.will_retry) {
      result.will_retry = job.attempt < job.budget_end;
    }
    std::chrono::milliseconds wait{0};
    if (result.will_retry) {
      wait = policy_.backoff_before(job.attempt + 1);
      result.next_attempt_at = result.attempted_at + wait;
    }
    if (sink_) sink_(result);

    lock.lock();
    if (result.will_retry && !stopping_) {
      Job retry{std::move(job.request), job.attempt + 1, job.budget_end};
      due_.emplace(std::chrono::steady_clock::now() + wait, std::move(retry));
    }
    --in_flight_;
    if (due_.empty() && in_flight_ == 0) idle_.notify_all();
  }
}

DeliveryAttempt WebhookDeliveryQueue::attempt_once(const Job& job) const {
  const DeliveryRequest& req = job.request;
  DeliveryAttempt out;
  out.delivery_id = req.delivery_id;
  out.endpoint_id = req.endpoint_id;
  out.attempt = job.attempt;
  out.attempted_at = std::chrono::system_clock::now();

  ParsedUrl url;
  if (!parse_url(req.url, url)) {
    out.error = "invalid endpoint URL";
    return out;
  }
  if (!is_loopback_url(req.url)) {
    out.error = "not delivered: the simulator only delivers to loopback hosts";
    return out;
  }

  const auto started = std::chrono::steady_clock::now();
  const std::int64_t t = static_cast<std::int64_t>(std::time(nullptr));
  httplib::Headers headers = {
      {"TokPortal-Event-Id", req.event_id},
      {"TokPortal-Event-Type", req.event_type},
      {"TokPortal-Signature", webhook_signature(req.signing_secret, t, req.body)},
      {"User-Agent", "TokPortal-Webhooks (ugc sim)"},
  };
  httplib::Client client(url.scheme_host_port);
  client.set_connection_timeout(policy_.timeout);
  client.set_read_timeout(policy_.timeout);
  client.set_write_timeout(policy_.timeout);
  client.enable_server_certificate_verification(false);  // loopback test receivers use self-signed certs
  auto res = client.Post(url.path, headers, req.body, "application/json");
  out.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  if (!res) {
    out.error = "network error: " + httplib::to_string(res.error());
    out.will_retry = true;
    return out;
  }
  out.status_code = res->status;
  out.response_body = res->body.substr(0, kResponseExcerpt);
  out.success = res->status >= 200 && res->status < 300;
  if (!out.success) {
    out.error = "endpoint answered HTTP " + std::to_string(res->status);
    out.will_retry = true;
  }
  return out;
}

}  // namespace ugc::sim
