#pragma once
// The campaign report: one self-contained HTML file (inline CSS, inline SVG
// charts drawn here, one small inline script; no external script, font,
// image or request, and a Content-Security-Policy that forbids them) with
//   - when the data was scraped and when the report was made,
//   - the key figures and the insights (insights.hpp),
//   - views over time per market (line chart),
//   - the top posts of each market (bar charts on one common scale),
//   - creator x market median views per post (heat map),
//   - tables per market, per creator and per post.
// Readable on a phone (fluid layout, charts scale by viewBox, wide tables
// scroll) and on paper (print stylesheet). Every string from the campaign or
// the API is escaped. Pure: the caller supplies the clock's time and writes
// the file.
#include <map>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"

namespace ugc::analytics {

struct ReportInput {
  std::string campaign;                              // campaign key
  std::string title;                                 // campaign title; the key when empty
  std::string generated_at;                          // ISO 8601 UTC
  std::map<std::string, std::string> creator_names;  // creator key -> name shown
  std::vector<PostMetrics> history;                  // every snapshot (load_post_metrics)
};

// In the report's first bytes: marks a file as a report ugc wrote, which
// `ugc analytics report` may replace without --force (export_file.hpp).
inline constexpr const char* kReportMarker = "<meta name=\"generator\" content=\"ugc analytics report\">";

// How many posts of a market the top-posts chart shows.
inline constexpr std::size_t kTopPostsPerMarket = 5;

std::string render_html_report(const ReportInput& input);

}  // namespace ugc::analytics
