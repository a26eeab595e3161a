#pragma once
// Reading and validating the bodies of POST /bundles and POST /bundles/bulk
// (docs/tokportal-api.md §5.1, §5.2) into orders, and turning an order into a
// Bundle in the world. Validation throws ApiError (400 VALIDATION_ERROR,
// UNKNOWN_FIELD, COUNTRY_NOT_ENABLED, YOUTUBE_DELAYED, ACCOUNT_ID_NOT_ALLOWED,
// DEEP_WARMING_DEPRECATED, WARMING_CONFLICT, ADVANCED_WARMING_TERMS; 404
// SAVED_ACCOUNT_NOT_FOUND; 403 SAVED_ACCOUNT_NOT_OWNED) and changes nothing.
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/sim/prices.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct WarmingOrder {
  bool advanced = false;
  std::vector<std::string> terms;  // deduplicated
  int terms_count = 0;             // purchased targets per account
  bool niche = false;
  std::optional<std::string> niche_instructions;
};

struct BundleOrder {
  std::string bundle_type, platform, country;
  std::optional<std::string> account_id;  // videos_only
  int videos = 0, edits = 0;
  std::optional<std::string> title, external_ref;
  bool auto_finalize_videos = true;
  WarmingOrder warming;

  price::BundleCost cost() const;
};

struct BulkOrder {
  std::vector<std::string> platforms;
  std::string country;
  int accounts_count = 0, upload_accounts_count = 0, videos_per_account = 0;
  std::optional<std::string> external_ref;
  bool auto_finalize_videos = true;
  WarmingOrder warming;

  // The bundles the batch creates, in order: per platform, uploading accounts first.
  std::vector<BundleOrder> bundles() const;
};

BundleOrder parse_bundle_order(World& world, Tenant& tenant, const Json& body);
BulkOrder parse_bulk_order(const Json& body);

// 409 DUPLICATE_ACCOUNT_BUNDLE {existing_bundle_id} when a new-account bundle already uses `ref`.
void check_external_ref_free(const Tenant& tenant, const std::optional<std::string>& ref);

// Adds the bundle (slots pending 1..N, account listing) and emits bundle.created. No charge.
Bundle& create_bundle(World& world, Tenant& tenant, const BundleOrder& order);

}  // namespace ugc::sim
