#include "ugc/analytics/post_history.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "ugc/analytics/iso_time.hpp"

namespace ugc::analytics {
namespace {

// True when snapshot `a` was taken before `b`.
bool scraped_before(const PostMetrics& a, const PostMetrics& b) {
  auto ta = parse_iso_time(a.scraped_at), tb = parse_iso_time(b.scraped_at);
  if (ta && tb) return *ta < *tb;
  return a.scraped_at < b.scraped_at;
}

// Views of each post of one market as of time `t`, summed.
double market_views_at(const std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>>& by_post,
                       std::int64_t t) {
  double sum = 0;
  for (const auto& entry : by_post) {
    const auto& snaps = entry.second;  // ascending time
    auto after =
        std::upper_bound(snaps.begin(), snaps.end(), t, [](std::int64_t v, const auto& s) { return v < s.first; });
    if (after != snaps.begin()) sum += static_cast<double>(std::prev(after)->second);
  }
  return sum;
}

}  // namespace

std::vector<PostMetrics> latest_per_post(const std::vector<PostMetrics>& history) {
  std::map<std::string, PostMetrics> newest;
  for (const auto& p : history) {
    auto it = newest.find(p.slot_ref);
    if (it == newest.end())
      newest.emplace(p.slot_ref, p);
    else if (!scraped_before(p, it->second))
      it->second = p;
  }
  std::vector<PostMetrics> out;
  out.reserve(newest.size());
  for (auto& entry : newest) out.push_back(std::move(entry.second));
  std::sort(out.begin(), out.end(), [](const PostMetrics& a, const PostMetrics& b) {
    return std::tie(a.market, a.platform, a.slot_ref) < std::tie(b.market, b.platform, b.slot_ref);
  });
  return out;
}

std::vector<NamedSeries> views_over_time_by_market(const std::vector<PostMetrics>& history) {
  // market -> post -> (time, views), and market -> the times it was scraped
  std::map<std::string, std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>>> snaps;
  std::map<std::string, std::vector<std::int64_t>> times;
  for (const auto& p : history) {
    auto t = parse_iso_time(p.scraped_at);
    if (!t) continue;
    snaps[p.market][p.slot_ref].emplace_back(*t, p.views);
    times[p.market].push_back(*t);
  }
  std::vector<NamedSeries> out;
  for (auto& market : snaps) {
    for (auto& post : market.second) std::stable_sort(post.second.begin(), post.second.end());
    auto& ts = times[market.first];
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    NamedSeries series{market.first, {}};
    for (std::size_t i = 0; i < ts.size(); ++i) {
      const bool round_ends = i + 1 == ts.size() || ts[i + 1] - ts[i] >= kScrapeRoundGapSeconds;
      if (round_ends) series.points.push_back({ts[i], market_views_at(market.second, ts[i])});
    }
    out.push_back(std::move(series));
  }
  return out;
}

ScrapeRange scrape_range(const std::vector<PostMetrics>& latest) {
  if (latest.empty()) return {};
  auto [oldest, newest] = std::minmax_element(latest.begin(), latest.end(), scraped_before);
  return {oldest->scraped_at, newest->scraped_at};
}

}  // namespace ugc::analytics
