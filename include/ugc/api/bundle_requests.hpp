#pragma once
// Typed requests of the bundle operations ugc sends (docs/tokportal-api.md
// §5.1, §5.2, §5.5, §5.7, §5.9): what each field means, in C++ types; to_request()
// shapes the path and JSON body exactly as the contract names them.
//
// `bundle_id` is a path segment (see paths.hpp): path_segment(id) for a real
// id, or a placeholder the caller replaces before sending. A request built
// here carries no idempotency key; the caller derives and sets it.
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/request.hpp"

namespace ugc::api {

enum class BundleType { account_only, account_and_videos, videos_only };
const char* to_string(BundleType type);

// POST /bundles.
struct CreateBundleRequest {
  BundleType bundle_type = BundleType::account_only;
  std::string platform;      // "tiktok" | "instagram"
  std::string country;       // TokPortal code or accepted alias
  int videos_quantity = 0;   // sent when > 0 (omitted for account_only)
  std::string title;         // sent when not empty
  std::string external_ref;  // sent when not empty
  // Deprecated review-based niche warming: when not empty, sent with
  // wants_niche_warming: true.
  std::string niche_warming_instructions;
};

// POST /bundles/bulk: accounts_count bundles per platform in one country.
struct CreateBundlesBulkRequest {
  std::vector<std::string> platforms;
  std::string country;
  int accounts_count = 0;         // per platform
  int upload_accounts_count = 0;  // how many of them get video slots
  int videos_per_account = 0;
  std::string niche_warming_instructions;  // as in CreateBundleRequest
};

// PATCH /bundles/{id}: mutable metadata; unset fields are not sent.
struct UpdateBundleRequest {
  std::string bundle_id;
  std::optional<std::string> title;
  std::optional<std::string> external_ref;
};

// POST /bundles/{id}/add-video-slots (paid at once).
struct AddVideoSlotsRequest {
  std::string bundle_id;
  int quantity = 0;
};

// POST /bundles/{id}/publish (no body).
struct PublishBundleRequest {
  std::string bundle_id;
};

Request to_request(const CreateBundleRequest& r);
Request to_request(const CreateBundlesBulkRequest& r);
Request to_request(const UpdateBundleRequest& r);
Request to_request(const AddVideoSlotsRequest& r);
Request to_request(const PublishBundleRequest& r);

// The quantity of an add-video-slots body, read back (a saved plan's totals
// are recomputed from its requests); 0 when absent or not an integer.
int add_video_slots_quantity(const Json& body);

}  // namespace ugc::api
