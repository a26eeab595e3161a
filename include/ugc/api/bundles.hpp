#pragma once
// Typed bundle operations (tokportal-api.md §5). Thin: each builds a Request,
// calls Client::request and parses the answer. Mutations take WriteOptions
// (idempotency key, dry run); reads are free and retried freely.
//
// Create answers name the bundle `data.id` or `data.bundle_id` (§12): both
// are accepted. Bundle objects are open: unknown fields stay in `raw`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/charge.hpp"
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

struct CreatedBundle {
  Bundle bundle;
  Charge charge;
};

struct CreatedBundles {
  std::vector<Bundle> bundles;
  Charge charge;
};

// GET /bundles filters; empty fields are not sent.
struct BundleFilter {
  std::string external_ref;  // exact match
  std::string status;
  std::string bundle_type;
  std::string platform;
  std::string account_status;
};

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

// A write whose answer is kept as Json, with what it cost.
struct WriteResult {
  Json data;
  Charge charge;
};

Result<CreatedBundle> create_bundle(Client& client, const Json& body, const WriteOptions& write);
// POST /bundles/bulk: `data.bundles` (or a bare `data` list) of created bundles.
Result<CreatedBundles> create_bundles_bulk(Client& client, const Json& body, const WriteOptions& write);
// Every page of GET /bundles matching `filter`.
Result<std::vector<Bundle>> list_bundles(Client& client, const BundleFilter& filter);
Result<std::vector<Bundle>> find_bundles_by_external_ref(Client& client, const std::string& external_ref);
Result<Bundle> get_bundle(Client& client, const std::string& id);
Result<Bundle> update_bundle(Client& client, const std::string& id, const Json& body, const WriteOptions& write);
Result<WriteResult> publish_bundle(Client& client, const std::string& id, const WriteOptions& write);
Result<PublishReadiness> get_publish_readiness(Client& client, const std::string& id);
Result<WriteResult> add_video_slots(Client& client, const std::string& id, int quantity, const WriteOptions& write);
Result<Json> get_bundle_account(Client& client, const std::string& id);
Result<Json> configure_bundle_account(Client& client, const std::string& id, const Json& body,
                                      const WriteOptions& write);

}  // namespace ugc::api
