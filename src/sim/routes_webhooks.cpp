// Webhook endpoint management (docs/tokportal-api.md §9.1):
//   GET /webhooks/events, POST/GET /webhooks, GET/PATCH/DELETE /webhooks/{id},
//   POST /webhooks/{id}/test, GET /webhooks/{id}/deliveries,
//   POST /webhooks/{id}/deliveries/{delivery_id}/retry,
// plus the polling alternative outside the contract:
//   GET /__sim/events?since=N   (X-API-Key selects the tenant; events with seq > N)
// Deliveries: webhook_dispatch.hpp. Retry knobs: webhook_policy_from_options.

#include <algorithm>
#include <charconv>
#include <memory>
#include <set>

#include <spdlog/spdlog.h>

#include "ugc/core/hash.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/routes.hpp"
#include "ugc/sim/webhook_delivery.hpp"
#include "ugc/sim/webhook_dispatch.hpp"
#include "ugc/sim/webhook_events.hpp"
#include "ugc/sim/webhook_signature.hpp"

namespace ugc::sim {
namespace {

constexpr std::size_t kMaxDescription = 500;
constexpr std::size_t kMaxUrl = 2048;

std::optional<long> to_long(const std::string& text) {
  long v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

Reply validation(std::string message, Json details = nullptr) {
  return Reply::error(400, "VALIDATION_ERROR", std::move(message), std::move(details));
}

Reply webhook_not_found(const std::string& id) {
  return Reply::error(404, "WEBHOOK_NOT_FOUND", "No webhook endpoint with id " + id, Json{{"id", id}});
}

Json endpoint_json(const WebhookEndpoint& e) {
  return {{"id", e.id},
          {"url", e.url},
          {"events", e.events},
          {"description", e.description ? Json(*e.description) : Json(nullptr)},
          {"enabled", e.enabled},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

bool is_http_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

// Validates the fields common to create and update; writes them to `e`.
std::optional<Reply> apply_fields(const Json& body, WebhookEndpoint& e, bool creating) {
  static const std::set<std::string> allowed = {"url", "events", "description", "enabled"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (!allowed.count(it.key()))
      return Reply::error(400, "UNKNOWN_FIELD", "Unknown field '" + it.key() + "'", Json{{"field", it.key()}});
  }
  if (creating && !body.contains("url")) return validation("url is required", Json{{"field", "url"}});
  if (creating && !body.contains("events")) return validation("events is required", Json{{"field", "events"}});
  if (body.contains("url")) {
    const Json& u = body["url"];
    if (!u.is_string() || u.get<std::string>().size() > kMaxUrl || !is_http_url(u.get<std::string>()))
      return validation("url must be an HTTPS URL", Json{{"field", "url"}});
    const std::string url = u.get<std::string>();
    if (!url.starts_with("https://") && !is_loopback_url(url))
      return validation("url must be HTTPS (the simulator also accepts http:// on loopback)", Json{{"field", "url"}});
    e.url = url;
  }
  if (body.contains("events")) {
    const Json& ev = body["events"];
    if (!ev.is_array() || ev.empty())
      return validation("events must be a non-empty array of event types", Json{{"field", "events"}});
    std::vector<std::string> events;
    Json unknown = Json::array();
    for (const auto& x : ev) {
      if (!x.is_string() || !is_known_webhook_event(x.get<std::string>())) {
        unknown.push_back(x);
        continue;
      }
      if (std::find(events.begin(), events.end(), x.get<std::string>()) == events.end())
        events.push_back(x.get<std::string>());
    }
    if (!unknown.empty())
      return validation("events contains unknown event types", Json{{"field", "events"}, {"invalid_events", unknown}});
    e.events = std::move(events);
  }
  if (body.contains("description")) {
    const Json& d = body["description"];
    if (d.is_null()) {
      e.description.reset();
    } else if (!d.is_string() || d.get<std::string>().size() > kMaxDescription) {
      return validation("description must be a string of at most 500 characters or null",
                        Json{{"field", "description"}});
    } else {
      e.description = d.get<std::string>();
    }
  }
  if (body.contains("enabled")) {
    if (!body["enabled"].is_boolean()) return validation("enabled must be a boolean", Json{{"field", "enabled"}});
    e.enabled = body["enabled"].get<bool>();
  }
  return std::nullopt;
}

std::optional<Reply> require_object_body(const Call& call) {
  if (!call.body.is_object()) return validation("Request body must be a JSON object");
  return std::nullopt;
}

std::optional<bool> parse_bool(const std::string& v) {
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

void register_endpoint_crud(Router& router) {
  router.post(
      "/webhooks",
      [](Call& call) {
        if (auto bad = require_object_body(call)) return *bad;
        WebhookEndpoint e;
        if (auto bad = apply_fields(call.body, e, true)) return *bad;
        e.id = call.world.new_uuid();
        e.signing_secret = new_signing_secret();
        e.created_at = e.updated_at = call.world.now_iso();
        Json out = endpoint_json(e);
        out["signing_secret"] = e.signing_secret;
        call.tenant->webhooks[e.id] = std::move(e);
        return Reply::data(out, 201);
      },
      IdempotencyPolicy::reject_sensitive);

  router.get("/webhooks", [](Call& call) {
    const auto [page, per_page] = fields::pagination(call);
    std::optional<bool> enabled;
    if (auto v = call.query("enabled")) {
      enabled = parse_bool(*v);
      if (!enabled) return validation("enabled must be true or false", Json{{"field", "enabled"}});
    }
    auto event = call.query("event");
    if (event && !is_known_webhook_event(*event))
      return validation("event is not a known event type", Json{{"field", "event"}});
    std::vector<const WebhookEndpoint*> rows;
    for (const auto& [id, e] : call.tenant->webhooks) {
      if (enabled && e.enabled != *enabled) continue;
      if (event && std::find(e.events.begin(), e.events.end(), *event) == e.events.end()) continue;
      rows.push_back(&e);
    }
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
      return a->created_at != b->created_at ? a->created_at < b->created_at : a->id < b->id;
    });
    Json items = Json::array();
    for (auto* e : rows) items.push_back(endpoint_json(*e));
    return Reply::page(items, page, per_page);
  });

  router.get("/webhooks/{id}", [](Call& call) {
    auto it = call.tenant->webhooks.find(call.param("id"));
    if (it == call.tenant->webhooks.end()) return webhook_not_found(call.param("id"));
    return Reply::data(endpoint_json(it->second));
  });

  router.patch("/webhooks/{id}", [](Call& call) {
    auto it = call.tenant->webhooks.find(call.param("id"));
    if (it == call.tenant->webhooks.end()) return webhook_not_found(call.param("id"));
    if (auto bad = require_object_body(call)) return *bad;
    if (call.body.empty()) return validation("Provide at least one of url, events, description, enabled");
    WebhookEndpoint updated = it->second;
    if (auto bad = apply_fields(call.body, updated, false)) return *bad;
    updated.updated_at = call.world.now_iso();
    it->second = std::move(updated);
    return Reply::data(endpoint_json(it->second));
  });

  router.del("/webhooks/{id}", [](Call& call) {
    if (call.tenant->webhooks.erase(call.param("id")) == 0) return webhook_not_found(call.param("id"));
    return Reply::no_content();
  });
}

void register_delivery_routes(Router& router, const std::shared_ptr<WebhookDispatcher>& dispatcher) {
  router.post("/webhooks/{id}/test", [dispatcher](Call& call) {
    auto it = call.tenant->webhooks.find(call.param("id"));
    if (it == call.tenant->webhooks.end()) return webhook_not_found(call.param("id"));
    WebhookEndpoint& endpoint = it->second;
    Event& event = call.world.emit(*call.tenant, "webhook.test",
                                   Json{{"webhook_id", endpoint.id},
                                        {"message", "Test event from the TokPortal simulator"}});
    event.dispatched = true;  // goes to this endpoint only, even if disabled or not subscribed
    Json out = {{"event_id", event.id}, {"event_type", event.type}, {"webhook_id", endpoint.id}};
    if (!call.dry_run) {
      Json& record = dispatcher->queue_delivery(endpoint, event);
      out["delivery_id"] = record["id"];
      out["status"] = "pending";
    }
    return Reply::data(out);
  });

  router.get("/webhooks/{id}/deliveries", [](Call& call) {
    auto it = call.tenant->webhooks.find(call.param("id"));
    if (it == call.tenant->webhooks.end()) return webhook_not_found(call.param("id"));
    const auto [page, per_page] = fields::pagination(call);
    std::optional<bool> success;
    if (auto v = call.query("success")) {
      success = parse_bool(*v);
      if (!success) return validation("success must be true or false", Json{{"field", "success"}});
    }
    auto type = call.query("event_type");
    Json items = Json::array();
    const auto& all = it->second.deliveries;
    for (auto d = all.rbegin(); d != all.rend(); ++d) {  // newest first
      if (type && d->value("event_type", std::string()) != *type) continue;
      if (success && d->value("success", false) != *success) continue;
      items.push_back(public_delivery(*d));
    }
    return Reply::page(items, page, per_page);
  });

  router.post("/webhooks/{id}/deliveries/{delivery_id}/retry", [dispatcher](Call& call) {
    auto it = call.tenant->webhooks.find(call.param("id"));
    if (it == call.tenant->webhooks.end()) return webhook_not_found(call.param("id"));
    for (auto& d : it->second.deliveries) {
      if (d.value("id", std::string()) != call.param("delivery_id")) continue;
      if (!call.dry_run) dispatcher->retry(it->second, d);
      return Reply::data(public_delivery(d));
    }
    return Reply::error(404, "DELIVERY_NOT_FOUND", "No delivery " + call.param("delivery_id") + " on this endpoint",
                        Json{{"delivery_id", call.param("delivery_id")}});
  });
}

void register_event_poll(Router& router) {
  router.control("GET", "/__sim/events", [](Call& call) {
    const std::string key = call.req.get_header_value("X-API-Key");
    if (key.empty()) return Reply::error(401, "AUTH_MISSING_KEY", "GET /__sim/events needs the X-API-Key of the tenant");
    auto t = call.world.tenants.find(sha256_hex(key));
    long since = 0;
    if (auto v = call.query("since")) {
      auto n = to_long(*v);
      if (!n || *n < 0) return validation("since must be a non-negative integer", Json{{"field", "since"}});
      since = *n;
    }
    Json items = Json::array();
    long seq = 0;
    if (t != call.world.tenants.end()) {
      for (const auto& e : t->second.events) {
        if (++seq <= since) continue;
        items.push_back({{"seq", seq},
                         {"id", e.id},
                         {"type", e.type},
                         {"api_version", kWebhookApiVersion},
                         {"created_at", e.created_at},
                         {"data", e.data}});
      }
    }
    return Reply::data(Json{{"events", items}, {"next_since", std::max(since, seq)}});
  });
}

}  // namespace

Result<WebhookRetryPolicy> webhook_policy_from_options(const std::map<std::string, std::string>& options) {
  WebhookRetryPolicy p;
  auto number = [&](const char* key, long min, long max, auto&& set) -> Status {
    auto it = options.find(key);
    if (it == options.end()) return {};
    auto n = to_long(it->second);
    if (!n || *n < min || *n > max)
      return invalid_input(std::string("--sim-opt ") + key + "=" + it->second + ": expected an integer from " +
                           std::to_string(min) + " to " + std::to_string(max));
    set(*n);
    return {};
  };
  UGC_TRY(number("webhook_max_attempts", 1, 50, [&](long n) { p.max_attempts = static_cast<int>(n); }));
  UGC_TRY(number("webhook_backoff_ms", 0, 3600000, [&](long n) { p.first_backoff = std::chrono::milliseconds(n); }));
  UGC_TRY(number("webhook_timeout_ms", 1, 600000, [&](long n) { p.timeout = std::chrono::milliseconds(n); }));
  return p;
}

void register_webhook_routes(Router& router, World& world, ServerHooks& hooks) {
  auto policy = webhook_policy_from_options(hooks.options);
  // Registration cannot fail; a bad option falls back to the defaults with a warning.
  if (!policy.ok()) spdlog::warn("{}; using the default webhook retry policy", policy.error().message());
  auto dispatcher = std::make_shared<WebhookDispatcher>(world, policy.ok() ? *policy : WebhookRetryPolicy{});
  // Public in the contract (§9.1): readable without a key.
  router.get_public("/webhooks/events", [](Call&) { return Reply::data(webhook_catalog_json()); });
  register_endpoint_crud(router);
  register_delivery_routes(router, dispatcher);
  register_event_poll(router);
  register_webhook_control_routes(router, dispatcher);
  hooks.on_start.push_back([dispatcher] { dispatcher->start(); });
  hooks.on_stop.push_back([dispatcher] { dispatcher->stop(); });
}

}  // namespace ugc::sim
