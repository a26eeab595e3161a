#pragma once
// Comparison: the posts' latest snapshots grouped by one dimension, with the
// figures `ugc analytics FILE --by ...` prints (docs/analytics.md).
//
// Per post (a slot ref), "current" is its newest snapshot. Its baseline:
//   - by default the snapshot before its newest one (0 for a post first seen
//     in its newest one), but only when the newest one is from its bundle's
//     latest scrape; a post its account no longer reports (a banned account
//     whose bundle was remade) keeps its last figures and has changed by 0;
//   - with `since`: its newest snapshot scraped before `since` (0 if none), so
//     the change is the growth since that time.
// Per group and metric: posts (with a snapshot), total, median and average per
// post of the current figures, and the change = total now - total at baseline.
// For engagement_rate ((likes + comments + shares) / views x 100): the total is
// the group's rate over its summed counts, median and average are over the
// posts' own rates, the change is the difference of the group's two rates.
// Fractions are rounded to 2 decimals here, so every format prints the same
// numbers. Rows are ranked by total (desc), ties by key.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"
#include "ugc/analytics/timestamp.hpp"

namespace ugc::analytics {

enum class GroupBy { market, platform, creator, video, caption, campaign };
enum class Metric { views, likes, comments, shares, engagement_rate };

const char* to_string(GroupBy by);
const char* to_string(Metric metric);
std::optional<GroupBy> parse_group_by(const std::string& text);
std::optional<Metric> parse_metric(const std::string& text);

struct ComparisonOptions {
  GroupBy by = GroupBy::market;
  Metric metric = Metric::views;
  std::optional<Seconds> since;
};

struct ComparisonRow {
  int rank = 0;     // 0 for the "(all)" row
  std::string key;  // the group; "(all)" for every post together
  int posts = 0;
  double total = 0, median = 0, average = 0, change = 0;
  std::string oldest_scraped_at, newest_scraped_at;  // of the posts' current snapshots
};

struct Comparison {
  std::string campaign;
  ComparisonOptions options;
  std::vector<ComparisonRow> rows;
  ComparisonRow all;
};

// The group key of one post: market code, platform, creator, video id,
// "video/variant" (the video id alone when it has one caption), campaign id.
std::string group_key(const PostMetrics& post, GroupBy by);

// The newest scrape of each bundle's account as stored (account snapshots,
// whatever the account id): a bundle's latest scrape even when its remade
// account has no post yet. Keyed by bundle ref.
using BundleScrapes = std::map<std::string, Seconds>;
Result<BundleScrapes> load_bundle_scrapes(state::Store& store, const std::string& campaign);

// `bundle_scrapes` may be empty: then a bundle's latest scrape is its posts' newest.
Comparison compare(const std::string& campaign, const std::vector<PostMetrics>& snapshots,
                   const ComparisonOptions& options, const BundleScrapes& bundle_scrapes = {});

}  // namespace ugc::analytics
