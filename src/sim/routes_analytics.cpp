#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "ugc/sim/analytics_model.hpp"
#include "ugc/sim/routes_analytics.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/lifecycle_rules.hpp"
#include "ugc/sim/routes.hpp"

namespace ugc::sim {
namespace {

constexpr const char* kState = "analytics";

double days_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count() / 86400.0;
}

double engagement_rate(std::int64_t views, std::int64_t likes, std::int64_t comments, std::int64_t shares) {
  if (views <= 0) return 0.0;
  const double rate = 100.0 * static_cast<double>(likes + comments + shares) / static_cast<double>(views);
  return std::round(rate * 100.0) / 100.0;
}

SavedAccount& owned_saved_account(World& world, Tenant& tenant, const std::string& id) {
  auto it = tenant.saved_accounts.find(id);
  if (it != tenant.saved_accounts.end()) return it->second;
  for (auto& [hash, other] : world.tenants) {
    if (&other != &tenant && other.saved_accounts.count(id))
      fail(403, "SAVED_ACCOUNT_NOT_OWNED", "This account belongs to another user", Json{{"account_id", id}});
  }
  fail(404, "SAVED_ACCOUNT_NOT_FOUND", "Delivered account not found", Json{{"account_id", id}});
}

std::optional<TimePoint> scraped_at(const SavedAccount& a) {
  if (!a.ext.contains(kState)) return std::nullopt;
  return ext_time(a.ext[kState], "scraped_at");
}

TimePoint require_scrape(const SavedAccount& a) {
  auto t = scraped_at(a);
  if (!t)
    fail(404, "ANALYTICS_NOT_FOUND", "No analytics yet for this account; call POST /accounts/{id}/analytics/refresh",
         Json{{"account_id", a.id}});
  return *t;
}

template <class F>
void for_each_post(const Tenant& tenant, const std::string& account_id, F&& f) {
  for (const auto& id : tenant.bundle_order) {
    auto b = tenant.bundles.find(id);
    if (b == tenant.bundles.end()) continue;
    for (const auto& s : b->second.videos) {
      if (s.ext.value("saved_account_id", std::string()) == account_id) f(b->second, s);
    }
  }
}

std::optional<std::int64_t> to_int(const std::string& text) {
  std::int64_t v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

struct RefreshState {
  std::optional<TimePoint> last;
  TimePoint next;
  bool allowed;
};

RefreshState refresh_state(const SavedAccount& a, TimePoint now, std::chrono::seconds cooldown) {
  RefreshState s{scraped_at(a), now, true};
  if (s.last && now < *s.last + cooldown) {
    s.allowed = false;
    s.next = *s.last + cooldown;
  }
  return s;
}

Json can_refresh_json(const SavedAccount& a, const RefreshState& s, TimePoint now) {
  const auto wait = std::chrono::duration_cast<std::chrono::seconds>(s.next - now).count();
  return {{"account_id", a.id},
          {"can_refresh", s.allowed},
          {"last_refreshed_at", s.last ? Json(iso8601(*s.last)) : Json(nullptr)},
          {"next_refresh_at", s.allowed ? Json(nullptr) : Json(iso8601(s.next))},
          {"retry_after_seconds", s.allowed ? 0 : std::max<std::int64_t>(1, wait)}};
}


void register_reads(Router& router) {
  router.get("/accounts/{id}/analytics", [](Call& call) {
    SavedAccount& a = owned_saved_account(call.world, *call.tenant, call.param("id"));
    const TimePoint at = require_scrape(a);
    return Reply::data(account_analytics_json(call.world.seed, *call.tenant, a, at));
  });

  router.get("/accounts/{id}/analytics/videos", [](Call& call) {
    SavedAccount& a = owned_saved_account(call.world, *call.tenant, call.param("id"));
    const auto [page, per_page] = fields::pagination(call);
    const std::string sort_by = fields::query_enum(call, "sort_by", {"views", "likes", "comments", "shares",
                                                                     "bookmarks", "engagement_rate", "published_at"})
                                    .value_or("published_at");
    const std::string order = fields::query_enum(call, "sort_order", {"asc", "desc"}).value_or("desc");
    const TimePoint at = require_scrape(a);
    std::vector<Json> rows;
    for_each_post(*call.tenant, a.id, [&](const Bundle& b, const VideoSlot& s) {
      Json j = video_analytics_json(call.world.seed, b, s, at);
      if (!j.is_null()) rows.push_back(std::move(j));
    });
    std::stable_sort(rows.begin(), rows.end(), [&](const Json& x, const Json& y) {
      const bool less = x[sort_by] != y[sort_by] ? x[sort_by] < y[sort_by] : x["video_id"] < y["video_id"];
      const bool greater = x[sort_by] != y[sort_by] ? y[sort_by] < x[sort_by] : y["video_id"] < x["video_id"];
      return order == "asc" ? less : greater;
    });
    return Reply::page(Json(rows), page, per_page);
  });

  router.get("/videos/{id}/analytics", [](Call& call) {
    const std::string& id = call.param("id");
    for (const auto& bid : call.tenant->bundle_order) {
      Bundle* b = call.tenant->bundle(bid);
      if (!b) continue;
      for (const auto& s : b->videos) {
        if (s.id != id) continue;
        const std::string account = s.ext.value("saved_account_id", std::string());
        auto acc = call.tenant->saved_accounts.find(account);
        auto at = acc == call.tenant->saved_accounts.end() ? std::nullopt : scraped_at(acc->second);
        Json j = at ? video_analytics_json(call.world.seed, *b, s, *at) : Json(nullptr);
        if (j.is_null())
          fail(404, "ANALYTICS_NOT_FOUND",
               "No analytics yet for this video (not posted, or its account was not refreshed since)",
               Json{{"video_id", id}});
        return Reply::data(j);
      }
    }
    fail(404, "VIDEO_NOT_FOUND", "Video not found", Json{{"video_id", id}});
  });
}

void register_refresh(Router& router, std::chrono::seconds cooldown) {
  router.get("/accounts/{id}/analytics/can-refresh", [cooldown](Call& call) {
    SavedAccount& a = owned_saved_account(call.world, *call.tenant, call.param("id"));
    const TimePoint now = call.world.now();
    return Reply::data(can_refresh_json(a, refresh_state(a, now, cooldown), now));
  });

  router.post("/accounts/{id}/analytics/refresh", [cooldown](Call& call) {
    SavedAccount& a = owned_saved_account(call.world, *call.tenant, call.param("id"));
    if (!call.body.is_null()) {
      const Json& body = fields::object_body(call);
      fields::reject_unknown(body, {"force", "includePosts", "includeComments", "forcePosts", "bootstrapPosts",
                                    "postLimit"});
      for (const char* flag : {"force", "includePosts", "includeComments", "forcePosts", "bootstrapPosts"})
        (void)fields::opt_bool(body, flag);
      (void)fields::opt_int(body, "postLimit", 1, 1000);
    }
    // Scrapes are stamped to the whole minute, so the same --seed and the same
    // clock moves give the same numbers whatever the real milliseconds were.
    const TimePoint now = std::chrono::floor<std::chrono::minutes>(call.world.now());
    RefreshState state = refresh_state(a, now, cooldown);
    if (!state.allowed) {
      Json details = can_refresh_json(a, state, now);
      Reply r = Reply::error(429, "ANALYTICS_REFRESH_COOLDOWN", "Analytics were refreshed recently; retry later",
                             details);
      r.headers.emplace_back("Retry-After", std::to_string(details["retry_after_seconds"].get<std::int64_t>()));
      return r;
    }
    if (!a.ext.contains(kState)) a.ext[kState] = Json::object();
    set_ext_time(a.ext[kState], "scraped_at", now);
    int posts = 0;
    for_each_post(*call.tenant, a.id, [&](const Bundle&, const VideoSlot& s) {
      if (auto p = ext_time(s.ext, lifecycle_keys::posted_at); p && *p <= now) ++posts;
    });
    return Reply::data(Json{{"account_id", a.id},
                            {"status", "completed"},
                            {"scraped_at", iso8601(now)},
                            {"posts_tracked", posts},
                            {"next_refresh_at", iso8601(now + cooldown)}});
  });
}

}  // namespace

Json video_analytics_json(std::uint64_t seed, const Bundle& b, const VideoSlot& s, TimePoint at) {
  auto posted = ext_time(s.ext, lifecycle_keys::posted_at);
  if (!posted || *posted > at) return nullptr;
  const std::string caption = s.config.value("description", std::string());
  const VideoMetrics m = video_metrics(seed, s.id, b.country, b.platform, caption, days_between(*posted, at));
  return {{"video_id", s.id},
          {"bundle_id", b.id},
          {"position", s.position},
          {"account_id", s.ext.value("saved_account_id", std::string())},
          {"platform", b.platform},
          {"country", b.country},
          {"external_ref", s.config.value("external_ref", Json(nullptr))},
          {"post_url", s.ext.value("post_url", Json(nullptr))},
          {"published_at", iso8601(*posted)},
          {"views", m.views},
          {"likes", m.likes},
          {"comments", m.comments},
          {"shares", m.shares},
          {"bookmarks", m.bookmarks},
          {"engagement_rate", engagement_rate(m.views, m.likes, m.comments, m.shares)},
          {"scraped_at", iso8601(at)}};
}

Json account_analytics_json(std::uint64_t seed, const Tenant& tenant, const SavedAccount& a, TimePoint at) {
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0, bookmarks = 0, tracked = 0;
  std::string country = a.country, platform = a.platform;
  for_each_post(tenant, a.id, [&](const Bundle& b, const VideoSlot& s) {
    Json j = video_analytics_json(seed, b, s, at);
    if (j.is_null()) return;
    ++tracked;
    views += j["views"].get<std::int64_t>();
    likes += j["likes"].get<std::int64_t>();
    comments += j["comments"].get<std::int64_t>();
    shares += j["shares"].get<std::int64_t>();
    bookmarks += j["bookmarks"].get<std::int64_t>();
    country = b.country;
  });
  const TimePoint delivered = ext_time(a.ext, lifecycle_keys::delivered_at).value_or(at);
  const double age_days = std::max(0.0, days_between(delivered, at));
  const double weeks = std::max(1.0, age_days / 7.0);
  return {{"account_id", a.id},
          {"followers_count", account_followers(seed, a.id, country, platform, age_days, views)},
          {"following_count", account_following(seed, a.id, age_days)},
          {"total_videos_tracked", tracked},
          {"total_views", views},
          {"total_likes", likes},
          {"total_comments", comments},
          {"total_shares", shares},
          {"total_bookmarks", bookmarks},
          {"average_engagement_rate", engagement_rate(views, likes, comments, shares)},
          {"average_video_views", tracked ? std::round(100.0 * static_cast<double>(views) / static_cast<double>(tracked)) / 100.0 : 0.0},
          {"weekly_post_average", std::round(100.0 * static_cast<double>(tracked) / weeks) / 100.0},
          {"scraped_at", iso8601(at)}};
}

void register_analytics_routes(Router& router, World&, ServerHooks& hooks) {
  std::chrono::seconds cooldown = std::chrono::minutes(60);
  if (auto it = hooks.options.find("analytics_cooldown_minutes"); it != hooks.options.end()) {
    auto n = to_int(it->second);
    if (n && *n >= 0 && *n <= 100000) cooldown = std::chrono::minutes(*n);
    else spdlog::warn("--sim-opt analytics_cooldown_minutes={}: expected minutes 0-100000; using 60", it->second);
  }
  register_reads(router);
  register_refresh(router, cooldown);
}

}  // namespace ugc::sim
