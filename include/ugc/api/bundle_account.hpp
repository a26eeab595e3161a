#pragma once
// The bundle account's profile as the API reports it (docs/tokportal-api.md
// §5.10): GET /bundles/{id}/account. `ugc import` reads it to record the
// profile of a bundle it adopts. Open object: unknown fields stay in `raw`.
#include <string>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct BundleAccount {
  std::string status;  // account_status: pending, configured, in_review, ... (open set)
  std::string username;
  std::string visible_name;
  std::string biography;
  std::string profile_picture_url;  // the storage_path it was configured with
  std::string saved_account_id;     // empty until in_review
  Json raw;
};

// Reads `data.account{...}` (or the profile fields at the top of `data`).
Result<BundleAccount> parse_bundle_account(const Json& data);
Result<BundleAccount> get_bundle_account(Client& client, const std::string& bundle_id);

}  // namespace ugc::api
