#include "ugc/analytics/snapshot_record.hpp"

namespace ugc::analytics {
namespace {

constexpr const char* kPostKind = "post";
constexpr const char* kAccountKind = "account";

std::string record_str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t record_int(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool record_of_kind(const state::AnalyticsSnapshot& row, const char* kind) {
  return row.metrics.is_object() && record_str(row.metrics, "kind") == kind;
}

}  // namespace

state::AnalyticsSnapshot to_snapshot(const PostSnapshot& s) {
  const PostMetrics& p = s.post;
  Json m = {{"kind", kPostKind},
            {"campaign", p.campaign},
            {"bundle_ref", p.bundle_ref},
            {"market", p.market},
            {"platform", p.platform},
            {"creator", p.creator},
            {"video", p.video},
            {"caption_variant", p.caption_variant},
            {"video_id", s.video_id},
            {"account_id", s.account_id},
            {"published_at", s.published_at},
            {"scraped_at", p.scraped_at},
            {"views", p.views},
            {"likes", p.likes},
            {"comments", p.comments},
            {"shares", p.shares},
            {"bookmarks", s.bookmarks}};
  return {p.slot_ref, "", std::move(m)};
}

state::AnalyticsSnapshot to_snapshot(const AccountSnapshot& a) {
  Json m = {{"kind", kAccountKind},
            {"campaign", a.campaign},
            {"market", a.market},
            {"platform", a.platform},
            {"account_id", a.account_id},
            {"scraped_at", a.scraped_at},
            {"next_refresh_at", a.next_refresh_at},
            {"followers_count", a.followers},
            {"following_count", a.following},
            {"total_videos_tracked", a.videos_tracked},
            {"total_views", a.views},
            {"total_likes", a.likes},
            {"total_comments", a.comments},
            {"total_shares", a.shares},
            {"total_bookmarks", a.bookmarks}};
  return {a.bundle_ref, "", std::move(m)};
}

std::optional<PostSnapshot> post_snapshot_from(const state::AnalyticsSnapshot& row) {
  if (!record_of_kind(row, kPostKind)) return std::nullopt;
  const Json& m = row.metrics;
  PostSnapshot s;
  PostMetrics& p = s.post;
  p.slot_ref = row.ref;
  p.bundle_ref = record_str(m, "bundle_ref");
  p.campaign = record_str(m, "campaign");
  p.market = record_str(m, "market");
  p.platform = record_str(m, "platform");
  p.creator = record_str(m, "creator");
  p.video = record_str(m, "video");
  p.caption_variant = record_str(m, "caption_variant");
  p.scraped_at = record_str(m, "scraped_at");
  if (p.scraped_at.empty()) return std::nullopt;
  p.views = record_int(m, "views");
  p.likes = record_int(m, "likes");
  p.comments = record_int(m, "comments");
  p.shares = record_int(m, "shares");
  s.video_id = record_str(m, "video_id");
  s.account_id = record_str(m, "account_id");
  s.published_at = record_str(m, "published_at");
  s.bookmarks = record_int(m, "bookmarks");
  return s;
}

std::optional<AccountSnapshot> account_snapshot_from(const state::AnalyticsSnapshot& row) {
  if (!record_of_kind(row, kAccountKind)) return std::nullopt;
  const Json& m = row.metrics;
  AccountSnapshot a;
  a.bundle_ref = row.ref;
  a.campaign = record_str(m, "campaign");
  a.market = record_str(m, "market");
  a.platform = record_str(m, "platform");
  a.account_id = record_str(m, "account_id");
  a.scraped_at = record_str(m, "scraped_at");
  if (a.scraped_at.empty()) return std::nullopt;
  a.next_refresh_at = record_str(m, "next_refresh_at");
  a.followers = record_int(m, "followers_count");
  a.following = record_int(m, "following_count");
  a.videos_tracked = record_int(m, "total_videos_tracked");
  a.views = record_int(m, "total_views");
  a.likes = record_int(m, "total_likes");
  a.comments = record_int(m, "total_comments");
  a.shares = record_int(m, "total_shares");
  a.bookmarks = record_int(m, "total_bookmarks");
  return a;
}

}  // namespace ugc::analytics
