#pragma once
// Account and per-video analytics of delivered accounts (docs/tokportal-api.md
// §10.2-10.4): typed reads of the answers and the refresh calls.
//
// "No data yet" is not a failure: the reads answer std::nullopt on
// 404 ANALYTICS_NOT_FOUND (§10.2). A refresh refused inside the cooldown
// (429 ANALYTICS_REFRESH_COOLDOWN) is an Error with that code; the Client does
// not retry it and does not pause other requests for it (§10.4). Objects are
// open: unknown fields stay in `raw`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"

namespace ugc::api {

inline constexpr const char* kAnalyticsNotFound = "ANALYTICS_NOT_FOUND";
inline constexpr const char* kAnalyticsRefreshCooldown = "ANALYTICS_REFRESH_COOLDOWN";

struct AccountAnalytics {
  std::string account_id;
  std::int64_t followers_count = 0, following_count = 0, total_videos_tracked = 0;
  std::int64_t total_views = 0, total_likes = 0, total_comments = 0, total_shares = 0, total_bookmarks = 0;
  double average_engagement_rate = 0;
  std::string scraped_at;  // ISO 8601, as reported
  Json raw;
};

struct VideoAnalytics {
  std::string video_id, bundle_id, account_id, platform, country, external_ref, post_url, published_at;
  int position = 0;
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0, bookmarks = 0;
  double engagement_rate = 0;
  std::string scraped_at;
  Json raw;
};

struct RefreshCheck {
  bool can_refresh = false;
  std::string last_refreshed_at;  // empty: never refreshed
  std::string next_refresh_at;    // empty when a refresh is allowed now
  std::int64_t retry_after_seconds = 0;
};

struct RefreshAnswer {
  std::string status;  // "completed" (the sim); an asynchronous server may answer otherwise
  std::string scraped_at;
  std::string next_refresh_at;
  std::int64_t posts_tracked = 0;
};

// How to walk GET /accounts/{id}/analytics/videos.
struct VideoAnalyticsQuery {
  std::string sort_by = "published_at";
  std::string sort_order = "desc";
  int per_page = 100;
  // With sort_by published_at, desc: stop after the page whose last post was
  // published before this ISO 8601 time or date (the rest are older still).
  std::string stop_before;
};

struct VideoAnalyticsPages {
  std::vector<VideoAnalytics> videos;
  int pages_read = 0;
};

// GET /accounts/{id}/analytics; nullopt on ANALYTICS_NOT_FOUND.
Result<std::optional<AccountAnalytics>> get_account_analytics(Client& client, const std::string& account_id);
// GET /accounts/{id}/analytics/videos, page by page; nullopt on ANALYTICS_NOT_FOUND.
Result<std::optional<VideoAnalyticsPages>> list_video_analytics(Client& client, const std::string& account_id,
                                                                const VideoAnalyticsQuery& query = {});
// GET /accounts/{id}/analytics/can-refresh (free).
Result<RefreshCheck> can_refresh_analytics(Client& client, const std::string& account_id);
// POST /accounts/{id}/analytics/refresh with an empty body. Each call sends a
// fresh one-off idempotency key: a refused refresh must not be replayed (§10.4).
Result<RefreshAnswer> refresh_analytics(Client& client, const std::string& account_id);

Result<AccountAnalytics> parse_account_analytics(const Json& json);
Result<VideoAnalytics> parse_video_analytics(const Json& json);

}  // namespace ugc::api
