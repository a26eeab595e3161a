// Webhook control route (no auth, like every /__sim route):
//   POST /__sim/redeliver  {"event_id", "webhook_id"?}
// Delivers an existing event again as a NEW delivery (new delivery id, same
// event id and the same body bytes): what a receiver sees when TokPortal
// redelivers, or when a user retries by hand. Without webhook_id it goes to
// the endpoints that would receive the event now (enabled and subscribed; a
// webhook.test event to the endpoint it tested); with webhook_id to that
// endpoint of the event's tenant, whatever its subscription.
#include "ugc/sim/fields.hpp"
#include "ugc/sim/routes.hpp"
#include "ugc/sim/webhook_dispatch.hpp"

#include <algorithm>

namespace ugc::sim {
namespace {

bool receives_redelivery(const WebhookEndpoint& endpoint, const Event& event,
                         const std::optional<std::string>& webhook_id) {
  if (webhook_id) return endpoint.id == *webhook_id;
  if (event.type == "webhook.test") return event.data.value("webhook_id", std::string()) == endpoint.id;
  return endpoint.enabled && std::find(endpoint.events.begin(), endpoint.events.end(), event.type) != endpoint.events.end();
}

Reply redeliver_event(WebhookDispatcher& dispatcher, Tenant& tenant, const Event& event,
                      const std::optional<std::string>& webhook_id) {
  if (webhook_id && !tenant.webhooks.count(*webhook_id))
    fail(404, "WEBHOOK_NOT_FOUND", "No webhook endpoint with id " + *webhook_id, Json{{"id", *webhook_id}});
  Json sent = Json::array();
  for (auto& [id, endpoint] : tenant.webhooks) {
    if (!receives_redelivery(endpoint, event, webhook_id)) continue;
    Json& record = dispatcher.queue_delivery(endpoint, event);
    sent.push_back(Json{{"webhook_id", id}, {"delivery_id", record["id"]}});
  }
  if (sent.empty())
    return Reply::error(409, "SIM_FAULT_NOT_APPLICABLE",
                        "no enabled endpoint is subscribed to " + event.type + "; name one with webhook_id");
  return Reply::data(Json{{"event_id", event.id}, {"event_type", event.type}, {"deliveries", sent}});
}

}  // namespace

void register_webhook_control_routes(Router& router, const std::shared_ptr<WebhookDispatcher>& dispatcher) {
  router.control("POST", "/__sim/redeliver", [dispatcher](Call& call) {
    const Json& body = fields::object_body(call);
    fields::reject_unknown(body, {"event_id", "webhook_id"});
    const std::string event_id = fields::req_string(body, "event_id");
    const auto webhook_id = fields::opt_string(body, "webhook_id");
    for (auto& [hash, tenant] : call.world.tenants)
      for (const auto& event : tenant.events)
        if (event.id == event_id) return redeliver_event(*dispatcher, tenant, event, webhook_id);
    fail(404, "EVENT_NOT_FOUND", "No event with id " + event_id, Json{{"event_id", event_id}});
  });
}

}  // namespace ugc::sim
