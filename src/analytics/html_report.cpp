#include "ugc/analytics/html_report.hpp"

#include <algorithm>
#include <set>

#include "report_style.hpp"
#include "report_tables.hpp"
#include "ugc/analytics/chart_style.hpp"
#include "ugc/analytics/group_summary.hpp"
#include "ugc/analytics/html_escape.hpp"
#include "ugc/analytics/insights.hpp"
#include "ugc/analytics/number_format.hpp"
#include "ugc/analytics/post_history.hpp"
#include "ugc/analytics/svg_bar_chart.hpp"
#include "ugc/analytics/svg_heat_map.hpp"
#include "ugc/analytics/svg_line_chart.hpp"

namespace ugc::analytics {
namespace {

// What every section of the report is built from.
struct HtmlReportData {
  const ReportInput& input;
  std::vector<PostMetrics> latest;
  std::vector<std::string> markets;  // sorted; a market's index is its colour
  std::string creator(const std::string& key) const {
    auto it = input.creator_names.find(key);
    return it == input.creator_names.end() || it->second.empty() ? key : it->second;
  }
  const char* market_colour(const std::string& market) const {
    auto it = std::find(markets.begin(), markets.end(), market);
    return series_colour(static_cast<std::size_t>(it - markets.begin()));
  }
};

std::string platform_tag(const std::string& platform) {
  if (platform == "tiktok") return "TT";
  if (platform == "instagram") return "IG";
  return platform;
}

// A timestamp for people, "2027-03-20 12:00 UTC", with its machine form kept for the script.
std::string report_time(const std::string& iso) {
  std::string shown = iso;
  if (iso.size() >= 16 && iso[10] == 'T') shown = iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
  return "<time datetime=\"" + html_escape(iso) + "\" data-local>" + html_escape(shown) + "</time>";
}

std::string report_header(const HtmlReportData& d) {
  const std::string title = d.input.title.empty() ? d.input.campaign : d.input.title;
  const ScrapeRange age = scrape_range(d.latest);
  std::string out =
      "<header class=\"report-head\"><p class=\"eyebrow\">Campaign report</p><h1>" + html_escape(title) + "</h1>";
  out += "<p class=\"meta\">Campaign <code>" + html_escape(d.input.campaign) + "</code> &middot; " +
         std::to_string(d.latest.size()) + (d.latest.size() == 1 ? " post" : " posts") + " in " +
         std::to_string(d.markets.size()) + (d.markets.size() == 1 ? " market" : " markets") + " &middot; " +
         std::to_string(d.input.history.size()) + " snapshots</p>";
  if (!age.newest.empty()) {
    out += "<p class=\"data-age\">Data scraped at <strong>" + report_time(age.newest) + "</strong>";
    if (age.oldest != age.newest) out += "; the oldest figure shown was scraped at " + report_time(age.oldest);
    out += ".</p>";
  }
  out += "<p class=\"data-age\">Report generated at " + report_time(d.input.generated_at) +
         ". Figures are as TokPortal reported them when scraped; they describe the past, not what comes next.</p>";
  return out + "</header>";
}

std::string report_cards(const HtmlReportData& d) {
  auto total = summarize_by(d.latest, [](const PostMetrics&) { return std::string("all"); });
  if (total.empty()) return {};
  const GroupSummary& t = total.front();
  auto card = [](const std::string& label, const std::string& value) {
    return "<div class=\"card\"><div class=\"label\">" + label + "</div><div class=\"value\">" + value + "</div></div>";
  };
  return "<div class=\"cards\">" + card("Posts", format_count(t.posts)) + card("Views", format_count(t.views)) +
         card("Median views / post", format_count(static_cast<std::int64_t>(t.median_views + 0.5))) +
         card("Engagement", format_percent(t.engagement_rate())) + "</div>";
}

std::string insight_kind_label(InsightKind kind) {
  switch (kind) {
    case InsightKind::creator_leads_market:
      return "creator";
    case InsightKind::caption_variant_leads:
      return "caption";
    case InsightKind::market_below_median:
      return "market";
  }
  return "";
}

std::string report_insights(const HtmlReportData& d) {
  const auto insights = compute_insights(d.input.history, d.input.creator_names);
  std::string out = "<section class=\"panel\" id=\"insights\"><h2>Insights</h2>";
  if (insights.empty()) {
    out += "<p>No comparison has enough posts on each side to say anything yet.</p>";
  } else {
    out += "<ul class=\"insights\">";
    for (const auto& i : insights)
      out += "<li data-posts=\"" + std::to_string(i.posts) + "\"><span class=\"kind\">" + insight_kind_label(i.kind) +
             "</span>" + html_escape(i.text) + "</li>";
    out += "</ul>";
  }
  out +=
      "<p class=\"note\">Each comparison is of median views per post, on each post's newest snapshot. A group "
      "with fewer than " +
      std::to_string(kMinPostsPerSide) + " posts is not compared, and a difference under " +
      std::to_string(static_cast<int>(kMinRelativeDifference * 100)) +
      "% is not reported. These sentences describe what was observed; they do not say why, and they are not a "
      "forecast.</p>";
  return out + "</section>";
}

std::string report_views_over_time(const HtmlReportData& d) {
  LineChartSpec spec;
  spec.id = "views-over-time-chart";
  spec.title = "Views over time per market";
  spec.description = "Total views of each market's posts at each snapshot, one line per market.";
  spec.value_name = "views";
  spec.series = views_over_time_by_market(d.input.history);
  return "<section class=\"panel\" id=\"views-over-time\"><h2>Views over time per market</h2>"
         "<p class=\"section-lead\">Total views of each market's posts at each scrape.</p><figure class=\"wide\">" +
         svg_line_chart(spec) + "</figure></section>";
}

std::string report_top_posts(const HtmlReportData& d) {
  double scale_max = 0;
  for (const auto& p : d.latest) scale_max = std::max(scale_max, static_cast<double>(p.views));
  std::string out =
      "<section class=\"panel\" id=\"top-videos\"><h2>Top videos per market</h2>"
      "<p class=\"section-lead\">The " +
      std::to_string(kTopPostsPerMarket) +
      " posts with the most views in each market (TT TikTok, IG Instagram), on one scale for all "
      "markets.</p><div class=\"top-grid\">";
  for (std::size_t m = 0; m < d.markets.size(); ++m) {
    std::vector<PostMetrics> posts;
    for (const auto& p : d.latest)
      if (p.market == d.markets[m]) posts.push_back(p);
    std::stable_sort(posts.begin(), posts.end(),
                     [](const PostMetrics& a, const PostMetrics& b) { return a.views > b.views; });
    if (posts.size() > kTopPostsPerMarket) posts.resize(kTopPostsPerMarket);
    BarChartSpec spec;
    spec.id = "top-chart-" + std::to_string(m);
    spec.title = "Top videos in " + d.markets[m];
    spec.description = "Views of the posts with the most views in " + d.markets[m] + ", highest first.";
    spec.value_name = "views";
    spec.colour = d.market_colour(d.markets[m]);
    spec.scale_max = scale_max;
    for (const auto& p : posts)
      spec.bars.push_back({p.video + " \xC2\xB7 " + platform_tag(p.platform),
                           p.platform + ", " + d.creator(p.creator) +
                               (p.caption_variant.empty() ? "" : ", caption " + p.caption_variant),
                           static_cast<double>(p.views)});
    out += "<figure><h3><span class=\"swatch\" style=\"background:" + std::string(spec.colour) + "\"></span>" +
           html_escape(d.markets[m]) + "</h3>" + svg_bar_chart(spec) + "</figure>";
  }
  return out + "</div></section>";
}

std::string report_heat_map(const HtmlReportData& d) {
  HeatMapSpec spec;
  spec.id = "creator-market-chart";
  spec.title = "Median views per post, creator by market";
  spec.description = "One cell per creator and market: the median views per post and the number of posts.";
  spec.value_name = "median views per post";
  spec.columns = d.markets;
  std::set<std::string> creators;
  for (const auto& p : d.latest) creators.insert(p.creator);
  auto cells = summarize_by(d.latest, [](const PostMetrics& p) { return p.creator + '\n' + p.market; });
  for (const auto& c : creators) {
    spec.rows.push_back(d.creator(c).empty() ? "(no creator)" : d.creator(c));
    std::vector<HeatCell> row;
    for (const auto& m : d.markets) {
      auto it = std::find_if(cells.begin(), cells.end(), [&](const GroupSummary& g) { return g.key == c + '\n' + m; });
      row.push_back(it == cells.end() ? HeatCell{} : HeatCell{it->median_views, it->posts});
    }
    spec.cells.push_back(std::move(row));
  }
  return "<section class=\"panel\" id=\"creator-market\"><h2>Creator &times; market</h2>"
         "<p class=\"section-lead\">Median views per post of each creator in each market; n is the number of "
         "posts.</p><figure class=\"wide\">" +
         svg_heat_map(spec) + "</figure></section>";
}

std::string report_tables(const HtmlReportData& d) {
  auto same = [](const std::string& k) { return k; };
  auto creator = [&d](const std::string& k) { return d.creator(k); };
  return "<section class=\"panel\" id=\"tables\"><h2>Tables</h2>" +
         summary_table("Markets", "Market", summarize_by(d.latest, [](const PostMetrics& p) { return p.market; }),
                       same) +
         summary_table("Creators", "Creator", summarize_by(d.latest, [](const PostMetrics& p) { return p.creator; }),
                       creator) +
         posts_table(d.latest, d.input.creator_names) + "</section>";
}

}  // namespace

std::string render_html_report(const ReportInput& input) {
  HtmlReportData d{input, latest_per_post(input.history), {}};
  std::set<std::string> markets;
  for (const auto& p : d.latest) markets.insert(p.market);
  d.markets.assign(markets.begin(), markets.end());
  const std::string title = input.title.empty() ? input.campaign : input.title;

  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += kReportMarker;
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(report_content_security_policy()) + "\">";
  out += "<title>" + html_escape(title) + " \xE2\x80\x94 campaign report</title>";
  out += "<style>" + std::string(report_stylesheet()) + "</style></head><body><main>";
  out += report_header(d);
  if (d.latest.empty()) {
    out +=
        "<section class=\"panel\" id=\"no-data\"><h2>No data yet</h2><p>No analytics snapshot is stored for this "
        "campaign. Pull analytics first, then make the report again.</p></section>";
  } else {
    out += report_cards(d) + report_insights(d) + report_views_over_time(d) + report_top_posts(d) + report_heat_map(d) +
           report_tables(d);
  }
  out +=
      "<footer>Made by ugc from stored analytics snapshots. Self-contained: this file loads nothing from the "
      "network.</footer></main><script>" +
      std::string(report_script()) + "</script></body></html>\n";
  return out;
}

}  // namespace ugc::analytics
