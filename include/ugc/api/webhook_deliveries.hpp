#pragma once
// Webhook deliveries of one endpoint (docs/tokportal-api.md §9.1):
// GET /webhooks/{id}/deliveries (every page, with the contract's filters) and
// POST /webhooks/{id}/deliveries/{delivery_id}/retry.
//
// The record's fields are not documented by TokPortal; we read the ones the
// simulator shows and keep the whole object in `raw`. A record needs a string
// `id`; anything else missing reads as empty/zero.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct WebhookDelivery {
  std::string id;
  std::string event_id;
  std::string event_type;
  std::string status;  // pending | succeeded | failed (open set; may be empty)
  bool success = false;
  std::int64_t attempts = 0;
  std::optional<std::int64_t> response_status_code;
  std::string error;
  std::string created_at;
  std::string last_attempt_at;
  Json raw;

  // Given up on: `status` failed, or (without a status) not successful.
  bool failed() const;
};

struct DeliveryFilter {
  std::optional<bool> success;  // `success=true|false`
  std::string event_type;       // `event_type=` when not empty
};

Result<WebhookDelivery> parse_webhook_delivery(const Json& json);

// Newest first, as the server orders them.
Result<std::vector<WebhookDelivery>> list_webhook_deliveries(Client& client, const std::string& endpoint_id,
                                                             const DeliveryFilter& filter = {});
// Asks the server to send the delivery again; answers the record as it stands.
Result<WebhookDelivery> retry_webhook_delivery(Client& client, const std::string& endpoint_id,
                                               const std::string& delivery_id);

}  // namespace ugc::api
