#pragma once
// GET /account-bans: the source of truth for bans (docs/tokportal-api.md §8.4).
// Rows: id, account_id, username, platform, bundle_id, order_id, status,
// reported_at, decided_at, updated_at and an optional resolution. Filters:
// `since` (ISO 8601 watermark on updated_at), status, account_id; every page
// is read (per_page 100).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct BanResolution {
  std::string resolution;  // refund | remake | no_remake (open set)
  std::string reason_code;
  std::int64_t refund_credits = 0;
  std::string resolved_at;
};

struct AccountBan {
  std::string id;
  std::string account_id;  // the delivered (saved) account
  std::string username;
  std::string platform;
  std::string bundle_id;
  std::string status;  // appeal_pending | appeal_accepted | appeal_refused | no_appeal_banned (open set)
  std::string reported_at;
  std::string decided_at;
  std::string updated_at;
  std::optional<BanResolution> resolution;
  Json raw;
};

struct AccountBanQuery {
  std::string since;  // ISO 8601; empty: every ban
  std::string status;
  std::string account_id;
};

// Needs a string `id` and `account_id`; a `resolution` that is present must be an object.
Result<AccountBan> parse_account_ban(const Json& json);
Result<std::vector<AccountBan>> list_account_bans(Client& client, const AccountBanQuery& query = {});

}  // namespace ugc::api
