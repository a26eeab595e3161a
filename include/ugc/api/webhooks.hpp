#pragma once
// Webhook endpoint management (docs/tokportal-api.md §9.1): the event catalog,
// creating, listing, testing and deleting endpoints. Deliveries are in
// webhook_deliveries.hpp.
//
// POST /webhooks is one of the six sensitive operations: it answers the
// endpoint's signing secret once, refuses an Idempotency-Key, and is never
// resent (the client sends it unkeyed on a fresh connection). A caller whose
// create failed with an unknown outcome reconciles by listing endpoints. The
// secret is registered with ugc::log::add_secret as soon as it is parsed.
//
// Answers are open objects: unknown fields stay in `raw`; an answer without
// the fields we need is a MALFORMED_RESPONSE error, never an exception.
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct WebhookEventType {
  std::string type;  // "bundle.published"
  std::string description;
  bool emitted = false;  // the server delivers it today
};

struct WebhookEndpoint {
  std::string id;
  std::string url;
  std::vector<std::string> events;
  std::optional<std::string> description;
  bool enabled = true;
  std::string created_at;
  Json raw;
};

struct CreateWebhookRequest {
  std::string url;
  std::vector<std::string> events;  // non-empty
  std::optional<std::string> description;

  Json body() const;
};

// The answer of POST /webhooks: the endpoint and its one-time secret.
struct CreatedWebhook {
  WebhookEndpoint endpoint;
  std::string signing_secret;
};

// {event_id, delivery_id, status} of POST /webhooks/{id}/test.
struct WebhookTestResult {
  std::string event_id;
  std::string delivery_id;  // empty when the server does not say
  std::string status;
};

// `data` of GET /webhooks/events: `data.events` (or a bare list) of objects
// with a string `type`.
Result<std::vector<WebhookEventType>> parse_webhook_event_types(const Json& data);
// One endpoint object: needs a string `id` and `url`.
Result<WebhookEndpoint> parse_webhook_endpoint(const Json& json);
// `data` of POST /webhooks: an endpoint plus a non-empty `signing_secret`.
Result<CreatedWebhook> parse_created_webhook(const Json& data);
// `data` of POST /webhooks/{id}/test: needs `event_id`.
Result<WebhookTestResult> parse_webhook_test_result(const Json& data);

Result<std::vector<WebhookEventType>> list_webhook_event_types(Client& client);
Result<CreatedWebhook> create_webhook(Client& client, const CreateWebhookRequest& request);
Result<std::vector<WebhookEndpoint>> list_webhooks(Client& client);
Result<WebhookTestResult> test_webhook(Client& client, const std::string& id);
Status delete_webhook(Client& client, const std::string& id);

}  // namespace ugc::api
