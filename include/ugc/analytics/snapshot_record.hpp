#pragma once
// What `ugc analytics pull` stores in the state's analytics_snapshots
// (state/analytics_snapshots.hpp): one row per post per scrape (ref = the slot
// external_ref) and one per account per scrape (ref = the bundle external_ref),
// the `metrics` JSON tagged with "kind". Each row carries the labels it was
// joined to at pull time and the API ids (video, saved account), so a row can
// be read back without the campaign file. A row is stored once per scrape: a
// pull that finds the same `scraped_at` again (cooldown) adds nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "ugc/analytics/post_metrics.hpp"
#include "ugc/core/json.hpp"
#include "ugc/state/analytics_snapshots.hpp"

namespace ugc::analytics {

struct PostSnapshot {
  PostMetrics post;
  std::string video_id;    // TokPortal video id
  std::string account_id;  // saved account that posted it
  std::string published_at;
  std::int64_t bookmarks = 0;
};

struct AccountSnapshot {
  std::string bundle_ref, campaign, market, platform;
  std::string account_id;  // the saved account at that scrape (a remake changes it; the ref stays)
  std::string scraped_at;
  std::string next_refresh_at;  // end of the cooldown as the server said; empty: unknown
  std::int64_t followers = 0, following = 0, videos_tracked = 0;
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0, bookmarks = 0;
};

state::AnalyticsSnapshot to_snapshot(const PostSnapshot& post);
state::AnalyticsSnapshot to_snapshot(const AccountSnapshot& account);

// nullopt when the row is not of that kind (or lacks its identity).
std::optional<PostSnapshot> post_snapshot_from(const state::AnalyticsSnapshot& row);
std::optional<AccountSnapshot> account_snapshot_from(const state::AnalyticsSnapshot& row);

}  // namespace ugc::analytics
