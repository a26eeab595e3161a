#pragma once
// The simulator's deterministic analytics growth model. Pure functions: the same
// (seed, ids, market, caption, age) always give the same numbers, so a test or a
// demo run with `--seed N` sees the same analytics every time.
//
// Shape (inferred, see docs/sim.md): a posted video's views follow a saturating
// curve  views(t) = reach * (1 - exp(-t / tau)) + reach * tail * t  (t in days),
// where `reach` depends on the country (market size), the platform, the caption
// (length, hashtags, a per-caption "hook" draw) and a per-video lognormal draw,
// so comparisons across markets, platforms and captions are meaningful. Likes,
// comments, shares and bookmarks are rates of views that depend on the platform
// and the caption. Every metric is non-decreasing in t and 0 for t <= 0.
#include <cstdint>
#include <string_view>

namespace ugc::sim {

struct VideoMetrics {
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0, bookmarks = 0;
};

VideoMetrics video_metrics(std::uint64_t seed, std::string_view video_id, std::string_view country,
                           std::string_view platform, std::string_view caption,
                           double days_since_posted);

// Followers of a delivered account: a small seeded base at delivery, growing
// with the account's age and converting a share of its videos' total views.
std::int64_t account_followers(std::uint64_t seed, std::string_view account_id,
                               std::string_view country, std::string_view platform,
                               double days_since_delivered, std::int64_t total_views);
// Accounts the delivered account follows (seeded, slowly growing).
std::int64_t account_following(std::uint64_t seed, std::string_view account_id,
                               double days_since_delivered);

// Relative market size used by the model (USA = 1.0); unknown codes get a
// seeded value in [0.2, 0.6].
double country_reach_factor(std::uint64_t seed, std::string_view country);

}  // namespace ugc::sim
