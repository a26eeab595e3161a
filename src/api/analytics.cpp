#include "ugc/api/analytics.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

using detail::bool_field;
using detail::int_field;
using detail::malformed_error;
using detail::str_field;

double analytics_double_field(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return 0.0;
  return it->get<double>();
}

bool is_analytics_not_found(const Error& e) { return e.code() == kAnalyticsNotFound; }

const Json* analytics_data_object(const Response& resp, const std::string& what, std::optional<Error>& error) {
  const Json& data = resp.data();
  if (!data.is_object()) {
    error = malformed_error(what, "\"data\" is not an object");
    return nullptr;
  }
  return &data;
}

}  // namespace

Result<AccountAnalytics> parse_account_analytics(const Json& json) {
  if (!json.is_object()) return malformed_error("account analytics", "not a JSON object");
  AccountAnalytics a;
  a.account_id = str_field(json, "account_id");
  a.followers_count = int_field(json, "followers_count");
  a.following_count = int_field(json, "following_count");
  a.total_videos_tracked = int_field(json, "total_videos_tracked");
  a.total_views = int_field(json, "total_views");
  a.total_likes = int_field(json, "total_likes");
  a.total_comments = int_field(json, "total_comments");
  a.total_shares = int_field(json, "total_shares");
  a.total_bookmarks = int_field(json, "total_bookmarks");
  a.average_engagement_rate = analytics_double_field(json, "average_engagement_rate");
  a.scraped_at = str_field(json, "scraped_at");
  a.raw = json;
  return a;
}

Result<VideoAnalytics> parse_video_analytics(const Json& json) {
  if (!json.is_object()) return malformed_error("video analytics", "not a JSON object");
  VideoAnalytics v;
  v.video_id = str_field(json, "video_id");
  if (v.video_id.empty()) return malformed_error("video analytics", "has no \"video_id\"");
  v.bundle_id = str_field(json, "bundle_id");
  v.account_id = str_field(json, "account_id");
  v.platform = str_field(json, "platform");
  v.country = str_field(json, "country");
  v.external_ref = str_field(json, "external_ref");
  v.post_url = str_field(json, "post_url");
  v.published_at = str_field(json, "published_at");
  v.position = static_cast<int>(int_field(json, "position"));
  v.views = int_field(json, "views");
  v.likes = int_field(json, "likes");
  v.comments = int_field(json, "comments");
  v.shares = int_field(json, "shares");
  v.bookmarks = int_field(json, "bookmarks");
  v.engagement_rate = analytics_double_field(json, "engagement_rate");
  v.scraped_at = str_field(json, "scraped_at");
  v.raw = json;
  return v;
}

Result<std::optional<AccountAnalytics>> get_account_analytics(Client& client, const std::string& account_id) {
  const std::string path = paths::account_analytics(path_segment(account_id));
  auto resp = client.request(Request::get(path));
  if (!resp) {
    if (is_analytics_not_found(resp.error())) return std::optional<AccountAnalytics>();
    return resp.error();
  }
  std::optional<Error> bad;
  const Json* data = analytics_data_object(*resp, "GET " + path, bad);
  if (!data) return *bad;
  auto parsed = parse_account_analytics(*data);
  if (!parsed) return parsed.error().with_context("GET " + path);
  return std::optional<AccountAnalytics>(std::move(*parsed));
}

Result<std::optional<VideoAnalyticsPages>> list_video_analytics(Client& client, const std::string& account_id,
                                                                const VideoAnalyticsQuery& query) {
  const std::string path = paths::account_video_analytics(path_segment(account_id));
  VideoAnalyticsPages out;
  constexpr int kMaxPages = 1000;  // the client's list bound (§1.4)
  for (int page = 1; page <= kMaxPages; ++page) {
    Query q{{"sort_by", query.sort_by},
            {"sort_order", query.sort_order},
            {"page", std::to_string(page)},
            {"per_page", std::to_string(query.per_page)}};
    auto resp = client.request(Request::get(path, std::move(q)));
    if (!resp) {
      if (is_analytics_not_found(resp.error())) return std::optional<VideoAnalyticsPages>();
      return resp.error();
    }
    ++out.pages_read;
    const Json& data = resp->data();
    if (!data.is_array()) return malformed_error("GET " + path, "\"data\" is not a list");
    for (const auto& item : data) {
      auto v = parse_video_analytics(item);
      if (!v) return v.error().with_context("GET " + path);
      out.videos.push_back(std::move(*v));
    }
    if (data.empty() || !resp->pagination || page >= resp->pagination->total_pages) break;
    // Newest first: once a page ends before the oldest post we want, the
    // remaining pages hold older posts only.
    const bool newest_first = query.sort_by == "published_at" && query.sort_order == "desc";
    if (newest_first && !query.stop_before.empty() && !out.videos.back().published_at.empty() &&
        out.videos.back().published_at < query.stop_before)
      break;
  }
  return std::optional<VideoAnalyticsPages>(std::move(out));
}

Result<RefreshCheck> can_refresh_analytics(Client& client, const std::string& account_id) {
  const std::string path = paths::account_analytics_can_refresh(path_segment(account_id));
  auto resp = client.request(Request::get(path));
  if (!resp) return resp.error();
  std::optional<Error> bad;
  const Json* data = analytics_data_object(*resp, "GET " + path, bad);
  if (!data) return *bad;
  if (!data->contains("can_refresh") || !(*data)["can_refresh"].is_boolean())
    return malformed_error("GET " + path, "no boolean \"can_refresh\"");
  return RefreshCheck{bool_field(*data, "can_refresh"), str_field(*data, "last_refreshed_at"),
                      str_field(*data, "next_refresh_at"), int_field(*data, "retry_after_seconds")};
}

Result<RefreshAnswer> refresh_analytics(Client& client, const std::string& account_id) {
  const std::string path = paths::account_analytics_refresh(path_segment(account_id));
  // No derived key: the client gives this call a one-off key, so a refusal
  // stored under it is never replayed to a later refresh.
  auto resp = client.request(Request::post(path, std::nullopt, ""));
  if (!resp) return resp.error();
  std::optional<Error> bad;
  const Json* data = analytics_data_object(*resp, "POST " + path, bad);
  if (!data) return *bad;
  return RefreshAnswer{str_field(*data, "status"), str_field(*data, "scraped_at"), str_field(*data, "next_refresh_at"),
                       int_field(*data, "posts_tracked")};
}

}  // namespace ugc::api
