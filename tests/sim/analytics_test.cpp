// Analytics: the deterministic growth model, and the analytics endpoints
// (docs/tokportal-api.md §10.2-10.4) over loopback HTTP.
#include <doctest/doctest.h>

#include "lifecycle_fixture.hpp"
#include "ugc/sim/analytics_model.hpp"

using lifetest::body_of;
using lifetest::error_code;
using lifetest::Json;
using lifetest::Sim;
using ugc::sim::video_metrics;

TEST_CASE("growth model: deterministic per seed, zero before posting, non-decreasing over time") {
  const char* caption = "First week with the product #review #ad";
  auto a = video_metrics(7, "v1", "USA", "tiktok", caption, 3.0);
  auto b = video_metrics(7, "v1", "USA", "tiktok", caption, 3.0);
  CHECK(a.views == b.views);
  CHECK(a.likes == b.likes);
  CHECK(a.bookmarks == b.bookmarks);
  CHECK(video_metrics(8, "v1", "USA", "tiktok", caption, 3.0).views != a.views);
  CHECK(video_metrics(7, "v1", "USA", "tiktok", caption, 0.0).views == 0);
  CHECK(video_metrics(7, "v1", "USA", "tiktok", caption, -1.0).likes == 0);

  ugc::sim::VideoMetrics prev;
  for (int hour = 1; hour <= 24 * 30; hour += 7) {
    auto m = video_metrics(7, "v1", "USA", "tiktok", caption, hour / 24.0);
    CHECK(m.views >= prev.views);
    CHECK(m.likes >= prev.likes);
    CHECK(m.comments >= prev.comments);
    CHECK(m.shares >= prev.shares);
    CHECK(m.bookmarks >= prev.bookmarks);
    CHECK(m.likes < m.views);
    prev = m;
  }
  CHECK(prev.views > video_metrics(7, "v1", "USA", "tiktok", caption, 1.0).views);
}

TEST_CASE("growth model: country, platform and caption change the numbers") {
  const char* caption = "First week with the product #review #ad";
  const double days = 10;
  // Averaged over many videos so the per-video luck draw does not decide.
  auto total = [&](const char* country, const char* platform, const char* cap) {
    long long views = 0;
    for (int i = 0; i < 200; ++i) views += video_metrics(7, "v" + std::to_string(i), country, platform, cap, days).views;
    return views;
  };
  CHECK(total("USA", "tiktok", caption) > total("FR", "tiktok", caption));
  CHECK(total("USA", "tiktok", caption) > total("USA", "instagram", caption));
  CHECK(total("USA", "tiktok", caption) != total("USA", "tiktok", "Avis : ma première semaine #avis #ad"));
  CHECK(video_metrics(7, "v1", "UK", "tiktok", caption, days).views !=
        video_metrics(7, "v1", "USA", "tiktok", caption, days).views);
}

namespace {

// A bundle whose two videos are posted; returns {bundle id, saved account id}.
std::pair<std::string, std::string> posted_account(Sim& s, const std::string& country = "USA") {
  const std::string id = s.published_bundle(2, country, "tiktok", true, 4);
  s.advance_days(5.6);  // both videos (days 4 and 5, noon) are posted
  Json b = s.bundle(id);
  REQUIRE(b["saved_account_id"].is_string());
  return {id, b["saved_account_id"]};
}

Json account_analytics(Sim& s, const std::string& account) {
  auto r = s.get("/accounts/" + account + "/analytics");
  REQUIRE(r->status == 200);
  return body_of(r)["data"];
}

}  // namespace

TEST_CASE("account analytics: ANALYTICS_NOT_FOUND until a refresh, then totals that grow after the next one") {
  Sim s(lifetest::sim_options({{"analytics_cooldown_minutes", "60"}}));
  auto [bundle, account] = posted_account(s);

  auto r = s.get("/accounts/" + account + "/analytics");
  CHECK(r->status == 404);
  CHECK(error_code(r) == "ANALYTICS_NOT_FOUND");
  CHECK(error_code(s.get("/accounts/" + account + "/analytics/videos")) == "ANALYTICS_NOT_FOUND");

  Json can = body_of(s.get("/accounts/" + account + "/analytics/can-refresh"))["data"];
  CHECK(can["can_refresh"] == true);
  r = s.post("/accounts/" + account + "/analytics/refresh", Json{{"includePosts", true}});
  REQUIRE(r->status == 200);
  CHECK(body_of(r)["data"]["posts_tracked"] == 2);

  Json first = account_analytics(s, account);
  CHECK(first["account_id"] == account);
  CHECK(first["total_videos_tracked"] == 2);
  CHECK(first["total_views"].get<long long>() > 0);
  CHECK(first["total_likes"].get<long long>() > 0);
  CHECK(first["followers_count"].get<long long>() > 0);
  CHECK(first["average_engagement_rate"].get<double>() > 0);
  CHECK(first["scraped_at"].is_string());
  for (const char* k : {"following_count", "total_comments", "total_shares", "total_bookmarks",
                        "average_video_views", "weekly_post_average"})
    CHECK(first.contains(k));

  // Within the cooldown: refused, and reads stay at the last scrape.
  can = body_of(s.get("/accounts/" + account + "/analytics/can-refresh"))["data"];
  CHECK(can["can_refresh"] == false);
  CHECK(can["retry_after_seconds"].get<long>() > 0);
  r = s.post("/accounts/" + account + "/analytics/refresh", Json::object());
  CHECK(r->status == 429);
  CHECK(error_code(r) == "ANALYTICS_REFRESH_COOLDOWN");
  CHECK(r->has_header("Retry-After"));
  s.advance_days(0.5);
  CHECK(account_analytics(s, account) == first);

  REQUIRE(s.post("/accounts/" + account + "/analytics/refresh")->status == 200);
  Json later = account_analytics(s, account);
  CHECK(later["total_views"].get<long long>() > first["total_views"].get<long long>());
  CHECK(later["followers_count"].get<long long>() >= first["followers_count"].get<long long>());

  CHECK(error_code(s.post("/accounts/" + account + "/analytics/refresh", Json{{"force", "yes"}})) == "VALIDATION_ERROR");
  CHECK(error_code(s.post("/accounts/" + account + "/analytics/refresh", Json{{"bogus", 1}})) == "UNKNOWN_FIELD");
}

TEST_CASE("analytics endpoints: unknown and foreign accounts and videos") {
  Sim s;
  auto [bundle, account] = posted_account(s);
  auto r = s.get("/accounts/00000000-0000-4000-8000-000000000000/analytics");
  CHECK(r->status == 404);
  CHECK(error_code(r) == "SAVED_ACCOUNT_NOT_FOUND");
  r = s.get("/accounts/" + account + "/analytics", lifetest::kOtherKey);
  CHECK(r->status == 403);
  CHECK(error_code(r) == "SAVED_ACCOUNT_NOT_OWNED");
  CHECK(error_code(s.get("/accounts/" + account + "/analytics/can-refresh", lifetest::kOtherKey)) ==
        "SAVED_ACCOUNT_NOT_OWNED");
  r = s.get("/videos/00000000-0000-4000-8000-000000000000/analytics");
  CHECK(r->status == 404);
  CHECK(error_code(r) == "VIDEO_NOT_FOUND");
  const std::string video = s.videos(bundle)[0]["id"];
  CHECK(error_code(s.get("/videos/" + video + "/analytics")) == "ANALYTICS_NOT_FOUND");  // not refreshed yet
}

TEST_CASE("per-video analytics: sorting, pagination and the single-video read agree") {
  Sim s;
  auto [bundle, account] = posted_account(s);
  REQUIRE(s.post("/accounts/" + account + "/analytics/refresh")->status == 200);

  Json desc = body_of(s.get("/accounts/" + account + "/analytics/videos?sort_by=views&sort_order=desc"));
  REQUIRE(desc["data"].size() == 2);
  CHECK(desc["pagination"]["total"] == 2);
  CHECK(desc["data"][0]["views"] >= desc["data"][1]["views"]);
  Json asc = body_of(s.get("/accounts/" + account + "/analytics/videos?sort_by=views&sort_order=asc"));
  CHECK(asc["data"][0] == desc["data"][1]);
  Json page2 = body_of(s.get("/accounts/" + account + "/analytics/videos?sort_by=views&per_page=1&page=2"));
  REQUIRE(page2["data"].size() == 1);
  CHECK(page2["data"][0] == desc["data"][1]);
  CHECK(page2["pagination"]["total_pages"] == 2);

  Json one = desc["data"][0];
  for (const char* k : {"video_id", "post_url", "published_at", "views", "likes", "comments", "shares", "bookmarks",
                        "engagement_rate", "scraped_at"})
    CHECK(one.contains(k));
  auto r = s.get("/videos/" + one["video_id"].get<std::string>() + "/analytics");
  REQUIRE(r->status == 200);
  CHECK(body_of(r)["data"] == one);

  Json totals = account_analytics(s, account);
  CHECK(totals["total_views"] == desc["data"][0]["views"].get<long long>() + desc["data"][1]["views"].get<long long>());

  CHECK(error_code(s.get("/accounts/" + account + "/analytics/videos?sort_by=colour")) == "VALIDATION_ERROR");
  CHECK(error_code(s.get("/accounts/" + account + "/analytics/videos?sort_order=up")) == "VALIDATION_ERROR");
  CHECK(error_code(s.get("/accounts/" + account + "/analytics/videos?per_page=500")) == "VALIDATION_ERROR");
}

TEST_CASE("analytics over HTTP are the same for the same --seed and differ for another seed") {
  auto run = [](uint64_t seed) {
    Sim s(lifetest::sim_options({}, seed));
    auto [bundle, account] = posted_account(s);
    REQUIRE(s.post("/accounts/" + account + "/analytics/refresh")->status == 200);
    Json a = account_analytics(s, account);
    return std::vector<long long>{a["total_views"], a["total_likes"], a["followers_count"]};
  };
  const auto first = run(11);
  CHECK(run(11) == first);
  CHECK(run(12) != first);
}
