#include "ugc/api/webhook_deliveries.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

using detail::bool_field;
using detail::int_field;
using detail::malformed_error;
using detail::opt_int_field;
using detail::str_field;

}  // namespace

bool WebhookDelivery::failed() const { return status.empty() ? !success : status == "failed"; }

Result<WebhookDelivery> parse_webhook_delivery(const Json& json) {
  if (!json.is_object()) return malformed_error("webhook delivery", "not a JSON object");
  WebhookDelivery d;
  d.id = str_field(json, "id");
  if (d.id.empty()) return malformed_error("webhook delivery", "has no \"id\"");
  d.event_id = str_field(json, "event_id");
  d.event_type = str_field(json, "event_type");
  d.status = str_field(json, "status");
  d.success = bool_field(json, "success");
  d.attempts = int_field(json, "attempts");
  d.response_status_code = opt_int_field(json, "response_status_code");
  d.error = str_field(json, "error");
  d.created_at = str_field(json, "created_at");
  d.last_attempt_at = str_field(json, "last_attempt_at");
  d.raw = json;
  return d;
}

Result<std::vector<WebhookDelivery>> list_webhook_deliveries(Client& client, const std::string& endpoint_id,
                                                             const DeliveryFilter& filter) {
  const std::string path = paths::webhook_deliveries(path_segment(endpoint_id));
  Query query;
  if (filter.success) query.emplace_back("success", *filter.success ? "true" : "false");
  if (!filter.event_type.empty()) query.emplace_back("event_type", filter.event_type);
  auto items = client.request_all_pages(Request::get(path, std::move(query)));
  if (!items) return items.error();
  std::vector<WebhookDelivery> out;
  for (const auto& item : *items) {
    auto d = parse_webhook_delivery(item);
    if (!d) return d.error().with_context("GET " + path);
    out.push_back(std::move(*d));
  }
  return out;
}

Result<WebhookDelivery> retry_webhook_delivery(Client& client, const std::string& endpoint_id,
                                               const std::string& delivery_id) {
  const std::string path = paths::webhook_delivery_retry(path_segment(endpoint_id), path_segment(delivery_id));
  // Each run is a new request to send again; the client's one-off key keeps
  // its own retries of this call from sending twice.
  auto resp = client.request(Request::post(path, std::nullopt, ""));
  if (!resp) return resp.error();
  auto d = parse_webhook_delivery(resp->data());
  if (!d) return d.error().with_context("POST " + path);
  return d;
}

}  // namespace ugc::api
