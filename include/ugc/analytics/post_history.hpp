#pragma once
// The snapshot history of a campaign's posts read two ways: where each post
// stands now (its newest snapshot) and how views grew over time. Everything
// else in the report and the insights is computed from these.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"

namespace ugc::analytics {

// The newest snapshot of each post (slot_ref), ordered by market, platform,
// slot_ref. Newest by scraped_at read as a time (text order when unreadable).
std::vector<PostMetrics> latest_per_post(const std::vector<PostMetrics>& history);

struct TimeValue {
  std::int64_t at = 0;  // seconds since the epoch
  double value = 0;
};

struct NamedSeries {
  std::string name;
  std::vector<TimeValue> points;  // ascending `at`
};

// Scrapes closer together than this are one round: a pull reads one account
// after another, so one round's snapshots differ by seconds or minutes.
inline constexpr std::int64_t kScrapeRoundGapSeconds = 30 * 60;

// One series per market (ordered by market), one point per scrape round of
// the market (at the round's last scrape): the sum of each post's views as of
// its newest snapshot at or before that time. Snapshots whose scraped_at
// cannot be read are left out.
std::vector<NamedSeries> views_over_time_by_market(const std::vector<PostMetrics>& history);

// The oldest and newest scraped_at among the newest snapshots of the posts:
// how old the figures the report shows are. Empty strings when no posts.
struct ScrapeRange {
  std::string oldest, newest;
};
ScrapeRange scrape_range(const std::vector<PostMetrics>& latest);

}  // namespace ugc::analytics
