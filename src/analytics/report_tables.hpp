#pragma once
// The report's HTML tables: one row per group (market, creator) and one row
// per post. Every cell is escaped; numbers are right-aligned and written in
// full.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ugc/analytics/group_summary.hpp"
#include "ugc/analytics/post_metrics.hpp"

namespace ugc::analytics {

// `label_of` turns a group key into the text shown (creator key -> name).
std::string summary_table(const std::string& caption, const std::string& key_heading,
                          const std::vector<GroupSummary>& groups,
                          const std::function<std::string(const std::string&)>& label_of);

// `latest`: one entry per post (latest_per_post); shown by market, then views.
std::string posts_table(const std::vector<PostMetrics>& latest,
                        const std::map<std::string, std::string>& creator_names);

}  // namespace ugc::analytics
