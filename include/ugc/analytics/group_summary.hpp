#pragma once
// Posts grouped by one key (market, creator, creator x market, caption
// variant): how many posts, their summed counts and the median views per
// post. The median, not the mean, is what the report and the insights compare:
// one post that took off does not make its whole group look strong.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"

namespace ugc::analytics {

struct GroupSummary {
  std::string key;
  int posts = 0;
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0;
  double median_views = 0;  // of the group's posts

  // (likes + comments + shares) / views, as TokPortal defines it; 0 without views.
  double engagement_rate() const;
};

// Median of `values` (0 when empty).
double median_of(std::vector<double> values);

// One summary per distinct key of `latest` (one entry per post: see
// latest_per_post), ordered by key.
std::vector<GroupSummary> summarize_by(const std::vector<PostMetrics>& latest,
                                       const std::function<std::string(const PostMetrics&)>& key_of);

}  // namespace ugc::analytics
