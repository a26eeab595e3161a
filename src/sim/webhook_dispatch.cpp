#include "ugc/sim/webhook_dispatch.hpp"

#include <algorithm>

namespace ugc::sim {
namespace {

// Receivers may answer anything; the log keeps printable ASCII so it always
// serialises as JSON.
std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) out.push_back((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' ? static_cast<char>(c) : '?');
  return out;
}

}  // namespace

std::string webhook_envelope(const Event& event) {
  OrderedJson env;
  env["id"] = event.id;
  env["type"] = event.type;
  env["api_version"] = kWebhookApiVersion;
  env["created_at"] = event.created_at;
  env["data"] = event.data.is_null() ? Json::object() : event.data;
  return env.dump();
}

Json public_delivery(const Json& record) {
  Json out = Json::object();
  for (auto it = record.begin(); it != record.end(); ++it) {
    if (!it.key().starts_with("_")) out[it.key()] = it.value();
  }
  out["payload"] = Json::parse(record.value("_body", std::string("{}")), nullptr, false);
  return out;
}

WebhookDispatcher::WebhookDispatcher(World& world, WebhookRetryPolicy policy)
    : world_(world),
      queue_(std::make_unique<WebhookDeliveryQueue>(
          policy, [this](const DeliveryAttempt& a) { record_attempt(a); })) {}

WebhookDispatcher::~WebhookDispatcher() { stop(); }

void WebhookDispatcher::start() {
  if (thread_.joinable()) return;
  {
    // Deliveries still pending when a --state world was saved resume now.
    std::lock_guard lock(world_.mu);
    for (auto& [hash, tenant] : world_.tenants)
      for (auto& [id, endpoint] : tenant.webhooks)
        for (auto& record : endpoint.deliveries)
          if (record.value("status", std::string()) == "pending") retry(endpoint, record);
  }
  thread_ = std::thread([this] { run(); });
}

void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(world_.mu);
    stopping_ = true;
  }
  world_.events_cv.notify_all();
  if (thread_.joinable()) thread_.join();
  queue_.reset();  // joins the delivery worker; its sink takes World::mu, so not held here
}

bool WebhookDispatcher::wait_idle(std::chrono::milliseconds timeout) {
  return !queue_ || queue_->wait_idle(timeout);
}

void WebhookDispatcher::run() {
  std::unique_lock lock(world_.mu);
  while (!stopping_) {
    dispatch_pending();
    world_.events_cv.wait_for(lock, std::chrono::milliseconds(250));
  }
}

void WebhookDispatcher::dispatch_pending() {
  for (auto& [hash, tenant] : world_.tenants) {
    for (auto& event : tenant.events) {
      if (event.dispatched) continue;
      event.dispatched = true;
      if (event.type == "webhook.test") continue;
      for (auto& [id, endpoint] : tenant.webhooks) {
        if (!endpoint.enabled) continue;
        if (std::find(endpoint.events.begin(), endpoint.events.end(), event.type) == endpoint.events.end()) continue;
        queue_delivery(endpoint, event);
      }
    }
  }
}

Json& WebhookDispatcher::queue_delivery(WebhookEndpoint& endpoint, const Event& event) {
  Json record = {
      {"id", world_.new_uuid()},
      {"endpoint_id", endpoint.id},
      {"event_id", event.id},
      {"event_type", event.type},
      {"status", "pending"},
      {"success", false},
      {"attempts", 0},
      {"response_status_code", nullptr},
      {"response_body", nullptr},
      {"error", nullptr},
      {"duration_ms", nullptr},
      {"created_at", world_.now_iso()},
      {"last_attempt_at", nullptr},
      {"next_attempt_at", nullptr},
      {"_body", webhook_envelope(event)},
  };
  if (endpoint.deliveries.size() >= kMaxDeliveriesPerEndpoint) endpoint.deliveries.erase(endpoint.deliveries.begin());
  endpoint.deliveries.push_back(std::move(record));
  Json& stored = endpoint.deliveries.back();
  if (queue_) {
    queue_->enqueue({stored["id"], endpoint.id, endpoint.url, endpoint.signing_secret, event.id, event.type,
                     stored["_body"]});
  }
  return stored;
}

void WebhookDispatcher::retry(WebhookEndpoint& endpoint, Json& record) {
  record["status"] = "pending";
  record["next_attempt_at"] = nullptr;
  if (queue_) {
    queue_->enqueue({record["id"], endpoint.id, endpoint.url, endpoint.signing_secret, record["event_id"],
                     record["event_type"], record["_body"]},
                    record.value("attempts", 0));
  }
}

void WebhookDispatcher::record_attempt(const DeliveryAttempt& a) {
  std::lock_guard lock(world_.mu);
  for (auto& [hash, tenant] : world_.tenants) {
    auto ep = tenant.webhooks.find(a.endpoint_id);
    if (ep == tenant.webhooks.end()) continue;
    for (auto it = ep->second.deliveries.rbegin(); it != ep->second.deliveries.rend(); ++it) {
      Json& r = *it;
      if (r.value("id", std::string()) != a.delivery_id) continue;
      r["attempts"] = a.attempt;
      r["success"] = a.success;
      r["status"] = a.success ? "succeeded" : (a.will_retry ? "pending" : "failed");
      r["response_status_code"] = a.status_code == 0 ? Json(nullptr) : Json(a.status_code);
      r["response_body"] = a.status_code == 0 ? Json(nullptr) : Json(printable(a.response_body));
      r["error"] = a.error.empty() ? Json(nullptr) : Json(a.error);
      r["duration_ms"] = a.duration_ms;
      r["last_attempt_at"] = iso8601(a.attempted_at);
      r["next_attempt_at"] = a.will_retry ? Json(iso8601(a.next_attempt_at)) : Json(nullptr);
      return;
    }
    return;
  }
}

}  // namespace ugc::sim
