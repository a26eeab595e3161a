#include "ugc/analytics/insights.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "ugc/analytics/group_summary.hpp"
#include "ugc/analytics/number_format.hpp"
#include "ugc/analytics/post_history.hpp"

namespace ugc::analytics {
namespace {

std::string insight_views(double median) { return format_count(static_cast<std::int64_t>(std::llround(median))); }

std::string insight_posts(int n) { return std::to_string(n) + (n == 1 ? " post" : " posts"); }

std::string display_creator(const std::map<std::string, std::string>& names, const std::string& key) {
  auto it = names.find(key);
  return it == names.end() || it->second.empty() ? key : it->second;
}

// Groups with enough posts to be compared, highest median first.
std::vector<GroupSummary> comparable_groups(std::vector<GroupSummary> groups) {
  groups.erase(std::remove_if(groups.begin(), groups.end(),
                              [](const GroupSummary& g) { return g.key.empty() || g.posts < kMinPostsPerSide; }),
               groups.end());
  std::stable_sort(groups.begin(), groups.end(),
                   [](const GroupSummary& a, const GroupSummary& b) { return a.median_views > b.median_views; });
  return groups;
}

// True when `high` is ahead of `low` by at least kMinRelativeDifference.
bool clearly_ahead(double high, double low) { return high > 0 && high >= low * (1.0 + kMinRelativeDifference); }

std::vector<PostMetrics> insight_posts_where(const std::vector<PostMetrics>& latest, std::string PostMetrics::*field,
                                             const std::string& value) {
  std::vector<PostMetrics> out;
  for (const auto& p : latest)
    if (p.*field == value) out.push_back(p);
  return out;
}

std::set<std::string> insight_keys(const std::vector<PostMetrics>& latest, std::string PostMetrics::*field) {
  std::set<std::string> out;
  for (const auto& p : latest) out.insert(p.*field);
  return out;
}

void creator_leads(const std::vector<PostMetrics>& latest, const std::map<std::string, std::string>& names,
                   std::vector<Insight>& out) {
  for (const auto& market : insight_keys(latest, &PostMetrics::market)) {
    auto groups = comparable_groups(summarize_by(insight_posts_where(latest, &PostMetrics::market, market),
                                                 [](const PostMetrics& p) { return p.creator; }));
    if (groups.size() < 2 || !clearly_ahead(groups[0].median_views, groups[1].median_views)) continue;
    const GroupSummary &a = groups[0], &b = groups[1];
    std::string text = "In " + market + ", " + display_creator(names, a.key) +
                       "'s posts had more views per post than " + display_creator(names, b.key) + "'s";
    if (groups.size() > 2) text += " (the next highest of " + std::to_string(groups.size()) + " creators compared)";
    text += ": a median of " + insight_views(a.median_views) + " views per post (" + insight_posts(a.posts) +
            ") against " + insight_views(b.median_views) + " (" + insight_posts(b.posts) + ").";
    out.push_back({InsightKind::creator_leads_market, std::move(text), a.posts + b.posts});
  }
}

void caption_variant_leads(const std::vector<PostMetrics>& latest, std::vector<Insight>& out) {
  for (const auto& video : insight_keys(latest, &PostMetrics::video)) {
    auto groups = comparable_groups(summarize_by(insight_posts_where(latest, &PostMetrics::video, video),
                                                 [](const PostMetrics& p) { return p.caption_variant; }));
    if (groups.size() < 2 || !clearly_ahead(groups[0].median_views, groups[1].median_views)) continue;
    const GroupSummary &a = groups[0], &b = groups[1];
    std::string text = "For video " + video + ", caption variant \"" + a.key +
                       "\" had more views per post than variant \"" + b.key + "\"";
    if (groups.size() > 2) text += " (the next highest of " + std::to_string(groups.size()) + " variants compared)";
    text += ": a median of " + insight_views(a.median_views) + " views per post (" + insight_posts(a.posts) +
            ") against " + insight_views(b.median_views) + " (" + insight_posts(b.posts) + "), all markets together.";
    out.push_back({InsightKind::caption_variant_leads, std::move(text), a.posts + b.posts});
  }
}

void markets_below_median(const std::vector<PostMetrics>& latest, std::vector<Insight>& out) {
  const int total = static_cast<int>(latest.size());
  std::vector<double> all;
  for (const auto& p : latest) all.push_back(static_cast<double>(p.views));
  const double campaign_median = median_of(all);
  for (const auto& g : summarize_by(latest, [](const PostMetrics& p) { return p.market; })) {
    // The market and the rest of the campaign each need enough posts.
    if (g.posts < kMinPostsPerSide || total - g.posts < kMinPostsPerSide) continue;
    if (!clearly_ahead(campaign_median, g.median_views)) continue;
    out.push_back({InsightKind::market_below_median,
                   g.key + " was under the campaign median: a median of " + insight_views(g.median_views) +
                       " views per post (" + insight_posts(g.posts) + ") against " + insight_views(campaign_median) +
                       " across the campaign (" + insight_posts(total) + ").",
                   total});
  }
}

}  // namespace

std::vector<Insight> compute_insights(const std::vector<PostMetrics>& history,
                                      const std::map<std::string, std::string>& creator_names) {
  const auto latest = latest_per_post(history);
  std::vector<Insight> out;
  creator_leads(latest, creator_names, out);
  caption_variant_leads(latest, out);
  markets_below_median(latest, out);
  return out;
}

}  // namespace ugc::analytics
