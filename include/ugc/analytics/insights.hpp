#pragma once
// Insights: plain sentences computed from a campaign's numbers, for people
// who will not read the tables. Three kinds:
//   - which creator's posts had the most views per post in a market,
//   - which caption variant of a video had the most views per post,
//   - markets whose posts were under the campaign's median views per post.
// Every comparison is of median views per post, on each post's newest
// snapshot. Rules, so that a sentence never says more than the data:
//   - each side of a comparison needs at least kMinPostsPerSide posts; below
//     that nothing is claimed (the group is left out of the comparison);
//   - a difference under kMinRelativeDifference of the lower median is not
//     reported (it is within what one post more or less can change);
//   - every sentence states how many posts it rests on;
//   - the wording describes what was observed ("had more views per post"),
//     never why (no "caused", "because") and never what comes next (no
//     forecast, no promised reach).
// Pure: no I/O, no clock.
#include <map>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"

namespace ugc::analytics {

inline constexpr int kMinPostsPerSide = 3;
inline constexpr double kMinRelativeDifference = 0.10;

enum class InsightKind { creator_leads_market, caption_variant_leads, market_below_median };

struct Insight {
  InsightKind kind;
  std::string text;  // one plain-text sentence (not HTML: escape it to show it)
  int posts = 0;     // how many posts the sentence rests on
};

// Insights from a snapshot history (all snapshots; each post's newest is
// used), ordered by kind then market/video. `creator_names` maps creator keys
// to the names shown (the key itself when absent).
std::vector<Insight> compute_insights(const std::vector<PostMetrics>& history,
                                      const std::map<std::string, std::string>& creator_names = {});

}  // namespace ugc::analytics
