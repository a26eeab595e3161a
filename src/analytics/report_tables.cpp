#include "report_tables.hpp"

#include <algorithm>
#include <cmath>

#include "ugc/analytics/html_escape.hpp"
#include "ugc/analytics/number_format.hpp"

namespace ugc::analytics {
namespace {

std::string table_head(const std::vector<std::pair<std::string, bool>>& columns) {
  std::string out = "<thead><tr>";
  for (const auto& c : columns)
    out += std::string(c.second ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">") + c.first + "</th>";
  return out + "</tr></thead>";
}

std::string num_cell(std::int64_t n) { return "<td class=\"num\">" + format_count(n) + "</td>"; }

std::string text_cell(const std::string& s) { return "<td>" + html_escape(s.empty() ? "-" : s) + "</td>"; }

}  // namespace

std::string summary_table(const std::string& caption, const std::string& key_heading,
                          const std::vector<GroupSummary>& groups,
                          const std::function<std::string(const std::string&)>& label_of) {
  std::string out = "<div class=\"table-wrap\"><table><caption>" + html_escape(caption) + "</caption>";
  out += table_head({{html_escape(key_heading), false},
                     {"Posts", true},
                     {"Views", true},
                     {"Median views / post", true},
                     {"Likes", true},
                     {"Comments", true},
                     {"Shares", true},
                     {"Engagement", true}});
  out += "<tbody>";
  for (const auto& g : groups) {
    out += "<tr><th scope=\"row\">" + html_escape(label_of(g.key)) + "</th>";
    out += num_cell(g.posts) + num_cell(g.views) + num_cell(static_cast<std::int64_t>(std::llround(g.median_views)));
    out += num_cell(g.likes) + num_cell(g.comments) + num_cell(g.shares);
    out += "<td class=\"num\">" + format_percent(g.engagement_rate()) + "</td></tr>";
  }
  return out + "</tbody></table></div>";
}

std::string posts_table(const std::vector<PostMetrics>& latest,
                        const std::map<std::string, std::string>& creator_names) {
  std::vector<PostMetrics> rows = latest;
  std::stable_sort(rows.begin(), rows.end(), [](const PostMetrics& a, const PostMetrics& b) {
    return a.market != b.market ? a.market < b.market : a.views > b.views;
  });
  std::string out = "<div class=\"table-wrap\"><table><caption>Every post, newest snapshot</caption>";
  out += table_head({{"Market", false},
                     {"Platform", false},
                     {"Creator", false},
                     {"Video", false},
                     {"Caption variant", false},
                     {"Views", true},
                     {"Likes", true},
                     {"Comments", true},
                     {"Shares", true},
                     {"Scraped at (UTC)", false}});
  out += "<tbody>";
  for (const auto& p : rows) {
    auto name = creator_names.find(p.creator);
    out += "<tr>" + text_cell(p.market) + text_cell(p.platform) +
           text_cell(name == creator_names.end() ? p.creator : name->second) + text_cell(p.video) +
           text_cell(p.caption_variant);
    out += num_cell(p.views) + num_cell(p.likes) + num_cell(p.comments) + num_cell(p.shares);
    out += text_cell(p.scraped_at) + "</tr>";
  }
  return out + "</tbody></table></div>";
}

}  // namespace ugc::analytics
