#include "ugc/analytics/group_summary.hpp"

#include <algorithm>
#include <map>

namespace ugc::analytics {

double GroupSummary::engagement_rate() const {
  if (views <= 0) return 0;
  return static_cast<double>(likes + comments + shares) / static_cast<double>(views);
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::vector<GroupSummary> summarize_by(const std::vector<PostMetrics>& latest,
                                       const std::function<std::string(const PostMetrics&)>& key_of) {
  std::map<std::string, GroupSummary> groups;
  std::map<std::string, std::vector<double>> views;
  for (const auto& p : latest) {
    const std::string key = key_of(p);
    GroupSummary& g = groups[key];
    g.key = key;
    ++g.posts;
    g.views += p.views;
    g.likes += p.likes;
    g.comments += p.comments;
    g.shares += p.shares;
    views[key].push_back(static_cast<double>(p.views));
  }
  std::vector<GroupSummary> out;
  for (auto& entry : groups) {
    entry.second.median_views = median_of(views[entry.first]);
    out.push_back(entry.second);
  }
  return out;
}

}  // namespace ugc::analytics
