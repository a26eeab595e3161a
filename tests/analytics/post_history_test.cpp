// The history read two ways: each post's newest snapshot, and market views over time.
#include "ugc/analytics/post_history.hpp"

#include <doctest/doctest.h>

#include "ugc/analytics/group_summary.hpp"
#include "ugc/analytics/iso_time.hpp"

namespace ugc::analytics {
namespace {

PostMetrics history_snap(const std::string& slot, const std::string& market, const std::string& at,
                         std::int64_t views) {
  PostMetrics p;
  p.slot_ref = slot;
  p.market = market;
  p.platform = "tiktok";
  p.scraped_at = at;
  p.views = views;
  return p;
}

}  // namespace

TEST_CASE("each post is counted once, at its newest snapshot, whatever the order of the history") {
  std::vector<PostMetrics> h{history_snap("a", "US", "2027-03-22T09:00:00Z", 200),
                             history_snap("a", "US", "2027-03-21T09:00:00Z", 100),
                             history_snap("b", "FR", "2027-03-21T09:00:00Z", 50)};
  auto latest = latest_per_post(h);
  REQUIRE(latest.size() == 2);
  CHECK(latest[0].market == "FR");
  CHECK(latest[1].views == 200);
  auto range = scrape_range(latest);
  CHECK(range.oldest == "2027-03-21T09:00:00Z");
  CHECK(range.newest == "2027-03-22T09:00:00Z");
}

TEST_CASE("market views over time add each post's views as of each snapshot time") {
  // Post b is scraped a day after a; on day two a's old figure still counts.
  std::vector<PostMetrics> h{
      history_snap("a", "US", "2027-03-21T09:00:00Z", 100), history_snap("b", "US", "2027-03-22T09:00:00Z", 40),
      history_snap("a", "US", "2027-03-23T09:00:00Z", 300), history_snap("x", "US", "not a time", 999)};
  // A round: b's first snapshot came ten minutes after a's, in the same pull.
  h.push_back(history_snap("b", "US", "2027-03-23T09:10:00Z", 60));
  auto series = views_over_time_by_market(h);
  REQUIRE(series.size() == 1);
  REQUIRE(series[0].points.size() == 3);
  CHECK(series[0].points[0].value == 100);
  CHECK(series[0].points[1].value == 140);
  CHECK(series[0].points[2].value == 360);
  CHECK(series[0].points[2].at == *parse_iso_time("2027-03-23T09:10:00Z"));
}

TEST_CASE("group summaries compare medians, so one viral post does not carry its group") {
  std::vector<PostMetrics> posts{history_snap("a", "US", "t", 100), history_snap("b", "US", "t", 120),
                                 history_snap("c", "US", "t", 90000)};
  posts[0].likes = 10;
  auto groups = summarize_by(posts, [](const PostMetrics& p) { return p.market; });
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].posts == 3);
  CHECK(groups[0].median_views == 120);
  CHECK(groups[0].views == 90220);
  CHECK(median_of({1, 2, 3, 4}) == 2.5);
  CHECK(median_of({}) == 0);
}

}  // namespace ugc::analytics
