#pragma once
// Delivered (saved) accounts and analytics reads (tokportal-api.md §10). All
// are GETs: free and safely retried. Analytics payloads are returned as Json:
// their per-video fields are not published (§12), the analytics module
// interprets them.
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct SavedAccount {
  std::string id;
  std::string platform;
  std::string username;
  std::string country;
  std::string status;
  Json raw;
};

Result<SavedAccount> parse_saved_account(const Json& json);

// GET /accounts filters; empty fields are not sent.
struct AccountFilter {
  std::string platform;
  std::string country;
  std::string banned;  // "true" | "false" | ""
};

Result<std::vector<SavedAccount>> list_accounts(Client& client, const AccountFilter& filter);
// GET /accounts/{id}/analytics; ANALYTICS_NOT_FOUND (not_found) until the first scrape.
Result<Json> get_account_analytics(Client& client, const std::string& account_id);
// GET /accounts/{id}/analytics/videos, every page.
Result<std::vector<Json>> list_account_video_analytics(Client& client, const std::string& account_id,
                                                       const std::string& sort_by = "");
// GET /videos/{id}/analytics.
Result<Json> get_video_analytics(Client& client, const std::string& video_id);
// GET /analytics (dashboard) and GET /analytics/series; `query` as documented in §10.5.
Result<Json> get_analytics_dashboard(Client& client, const Query& query);
Result<Json> get_analytics_series(Client& client, const Query& query);

}  // namespace ugc::api
