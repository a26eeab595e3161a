#pragma once
// Bundle objects and the bundle reads ugc makes (docs/tokportal-api.md §5).
// The requests that change bundles are in bundle_requests.hpp.
//
// Create answers name the bundle `data.id` or `data.bundle_id` (§12): both
// are accepted. Bundle objects are open: unknown fields stay in `raw`.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct Bundle {
  std::string id;
  std::string external_ref;
  std::string title;
  std::string status;  // draft, pending_setup, published, ... (open set)
  std::string bundle_type;
  std::string platform;
  std::string country;
  std::string account_status;
  std::string saved_account_id;  // empty until the account reaches in_review
  std::int64_t videos_quantity = 0;
  std::int64_t edits_quantity = 0;
  std::int64_t videos_configured_count = 0;
  bool is_published = false;
  bool account_configured = false;
  Json raw;
};

// Fails (MALFORMED_RESPONSE) when `json` is not an object or has no id.
Result<Bundle> parse_bundle(const Json& json);

// `data` of POST /bundles/bulk: `data.bundles` (or a bare `data` list), in
// the server's order. Fails when there is no list or a bundle has no id.
Result<std::vector<Bundle>> parse_created_bundles(const Json& data);

struct ReadinessBlocker {
  std::string code;
  std::string message;
  Json details;
};

struct PublishReadiness {
  bool ready = false;
  std::vector<ReadinessBlocker> blockers;
  Json raw;
};

// GET /bundles, every page (per_page 100): every bundle of the key.
Result<std::vector<Bundle>> list_bundles(Client& client);
// GET /bundles?external_ref= (every page), keeping only exact matches.
Result<std::vector<Bundle>> find_bundles_by_external_ref(Client& client, const std::string& external_ref);
// GET /bundles/{id}/publish-readiness: every current blocker (free).
Result<PublishReadiness> get_publish_readiness(Client& client, const std::string& id);

}  // namespace ugc::api
