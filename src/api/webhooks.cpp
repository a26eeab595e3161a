#include "ugc/api/webhooks.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"
#include "ugc/core/log.hpp"

namespace ugc::api {
namespace {

using detail::bool_field;
using detail::malformed_error;
using detail::str_field;

Result<std::vector<WebhookEndpoint>> parse_endpoint_list(const std::string& what, const std::vector<Json>& items) {
  std::vector<WebhookEndpoint> out;
  for (const auto& item : items) {
    auto e = parse_webhook_endpoint(item);
    if (!e) return e.error().with_context(what);
    out.push_back(std::move(*e));
  }
  return out;
}

}  // namespace

Json CreateWebhookRequest::body() const {
  Json b = {{"url", url}, {"events", events}};
  if (description) b["description"] = *description;
  return b;
}

Result<std::vector<WebhookEventType>> parse_webhook_event_types(const Json& data) {
  const std::string what = "GET " + paths::webhook_events();
  const Json* list = data.is_array() ? &data : nullptr;
  if (data.is_object())
    if (auto it = data.find("events"); it != data.end() && it->is_array()) list = &*it;
  if (!list) return malformed_error(what, "no \"data.events\" list");
  std::vector<WebhookEventType> out;
  for (const auto& item : *list) {
    if (!item.is_object() || !item.contains("type") || !item["type"].is_string())
      return malformed_error(what, "an event entry has no string \"type\"");
    out.push_back({item["type"].get<std::string>(), str_field(item, "description"), bool_field(item, "emitted")});
  }
  return out;
}

Result<WebhookEndpoint> parse_webhook_endpoint(const Json& json) {
  if (!json.is_object()) return malformed_error("webhook endpoint", "not a JSON object");
  WebhookEndpoint e;
  e.id = str_field(json, "id");
  if (e.id.empty()) return malformed_error("webhook endpoint", "has no \"id\"");
  e.url = str_field(json, "url");
  if (e.url.empty()) return malformed_error("webhook endpoint " + e.id, "has no \"url\"");
  if (auto it = json.find("events"); it != json.end() && it->is_array())
    for (const auto& ev : *it)
      if (ev.is_string()) e.events.push_back(ev.get<std::string>());
  if (auto it = json.find("description"); it != json.end() && it->is_string()) e.description = it->get<std::string>();
  // `enabled` defaults to true (inferred, §9.1): only an explicit false disables.
  if (auto it = json.find("enabled"); it != json.end() && it->is_boolean()) e.enabled = it->get<bool>();
  e.created_at = str_field(json, "created_at");
  e.raw = json;
  return e;
}

Result<CreatedWebhook> parse_created_webhook(const Json& data) {
  const std::string what = "POST " + paths::webhooks();
  auto endpoint = parse_webhook_endpoint(data);
  if (!endpoint) return endpoint.error().with_context(what);
  auto it = data.find("signing_secret");
  if (it == data.end() || !it->is_string() || it->get<std::string>().empty())
    return malformed_error(what, "no \"signing_secret\" in the answer (it is shown only at creation)");
  CreatedWebhook created{std::move(*endpoint), it->get<std::string>()};
  log::add_secret(created.signing_secret);
  created.endpoint.raw.erase("signing_secret");  // raw is printed and logged freely
  return created;
}

Result<WebhookTestResult> parse_webhook_test_result(const Json& data) {
  if (!data.is_object() || str_field(data, "event_id").empty())
    return malformed_error("test answer", "no \"event_id\"");
  return WebhookTestResult{str_field(data, "event_id"), str_field(data, "delivery_id"), str_field(data, "status")};
}

Result<std::vector<WebhookEventType>> list_webhook_event_types(Client& client) {
  auto resp = client.request(Request::get(paths::webhook_events()));
  if (!resp) return resp.error();
  return parse_webhook_event_types(resp->data());
}

Result<CreatedWebhook> create_webhook(Client& client, const CreateWebhookRequest& request) {
  // Sensitive: no Idempotency-Key, never resent (see idempotency.hpp).
  auto resp = client.request(Request::post(paths::webhooks(), request.body(), ""));
  if (!resp) return resp.error();
  return parse_created_webhook(resp->data());
}

Result<std::vector<WebhookEndpoint>> list_webhooks(Client& client) {
  auto items = client.request_all_pages(Request::get(paths::webhooks()));
  if (!items) return items.error();
  return parse_endpoint_list("GET " + paths::webhooks(), *items);
}

Result<WebhookTestResult> test_webhook(Client& client, const std::string& id) {
  const std::string path = paths::webhook_test(path_segment(id));
  // Each run asks for a new test event: the client's one-off key only makes
  // its own retries safe.
  auto resp = client.request(Request::post(path, std::nullopt, ""));
  if (!resp) return resp.error();
  auto r = parse_webhook_test_result(resp->data());
  if (!r) return r.error().with_context("POST " + path);
  return r;
}

Status delete_webhook(Client& client, const std::string& id) {
  Request r;
  r.method = "DELETE";
  r.path = paths::webhook(path_segment(id));
  r.expect_json = false;  // 204, no body
  auto resp = client.request(r);
  if (!resp) return resp.error();
  return {};
}

}  // namespace ugc::api
