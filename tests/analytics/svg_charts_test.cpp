// The SVG charts: accessible titles, one mark per datum, escaped text, sane
// geometry at the edges (one point, zero values, empty cells).
#include <doctest/doctest.h>

#include "ugc/analytics/chart_style.hpp"
#include "ugc/analytics/iso_time.hpp"
#include "ugc/analytics/number_format.hpp"
#include "ugc/analytics/svg_bar_chart.hpp"
#include "ugc/analytics/svg_heat_map.hpp"
#include "ugc/analytics/svg_line_chart.hpp"

namespace ugc::analytics {
namespace {

std::size_t svg_count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the line chart draws one line per series and one titled point per value") {
  const std::int64_t t0 = *parse_iso_time("2027-03-21T09:00:00Z");
  LineChartSpec spec{
      "lc",
      "Views over time",
      "Total views per market",
      "views",
      {{"US", {{t0, 100}, {t0 + 86400, 250}, {t0 + 2 * 86400, 400}}}, {"FR", {{t0, 50}, {t0 + 86400, 60}}}}};
  const std::string svg = svg_line_chart(spec);
  CHECK(svg.find("viewBox=\"0 0 720 340\"") != std::string::npos);
  CHECK(svg.find("width=") == svg.find("width=\"14\""));  // no fixed size on the <svg>: it scales
  CHECK(svg.find("<title id=\"lc-title\">Views over time</title>") != std::string::npos);
  CHECK(svg.find("aria-labelledby=\"lc-title lc-desc\"") != std::string::npos);
  CHECK(svg_count(svg, "<polyline") == 2);
  CHECK(svg_count(svg, "<circle") == 5);
  CHECK(svg.find("<title>US, 2027-03-23: 400 views</title>") != std::string::npos);
  CHECK(svg.find(">22 Mar<") != std::string::npos);
}

TEST_CASE("the line chart copes with a single snapshot time and escapes series names") {
  LineChartSpec spec{"one", "t", "d", "views", {{"<b>X</b>", {{1800000000, 0}}}}};
  const std::string svg = svg_line_chart(spec);
  CHECK(svg.find("nan") == std::string::npos);
  CHECK(svg.find("inf") == std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;X&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("bar charts side by side share one scale") {
  BarChartSpec small{"a", "t", "d", "views", "#0072B2", 1000, {{"clip", "tiktok", 250}}};
  BarChartSpec large{"b", "t", "d", "views", "#0072B2", 1000, {{"clip", "tiktok", 1000}}};
  // 162 px of plot: a quarter of the scale is a quarter of the bar.
  CHECK(svg_bar_chart(small).find("width=\"40.5\"") != std::string::npos);
  CHECK(svg_bar_chart(large).find("width=\"162\"") != std::string::npos);
  CHECK(svg_bar_chart(small).find("<title>clip (tiktok): 250 views</title>") != std::string::npos);
}

TEST_CASE("bar labels are shortened on the chart and kept whole in the tooltip") {
  BarChartSpec spec{"c", "t", "d", "views", "#000", 0, {{"a-very-long-video-identifier-indeed", "", 10}}};
  const std::string svg = svg_bar_chart(spec);
  CHECK(svg.find(">a-very-long-video-ide\xE2\x80\xA6<") != std::string::npos);
  CHECK(svg.find("<title>a-very-long-video-identifier-indeed: 10 views</title>") != std::string::npos);
}

TEST_CASE("the heat map shades by value, counts posts and marks empty cells") {
  HeatMapSpec spec{"hm",
                   "t",
                   "d",
                   "median views per post",
                   {"Jane", "Sam"},
                   {"US", "FR"},
                   {{HeatCell{1000.0, 4}, HeatCell{250.0, 3}}, {HeatCell{500.0, 2}, HeatCell{}}}};
  const std::string svg = svg_heat_map(spec);
  CHECK(svg.find("fill=\"#084594\"") != std::string::npos);  // the largest value is the darkest
  CHECK(svg.find(">n=4<") != std::string::npos);
  CHECK(svg.find("<title>Sam in FR: no posts</title>") != std::string::npos);
  CHECK(svg.find("<title>Jane in US: 1,000 median views per post (4 posts)</title>") != std::string::npos);
  CHECK(svg_count(svg, "class=\"empty\"") == 1);
}

TEST_CASE("numbers read the same in tables, charts and sentences") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-1000) == "-1,000");
  CHECK(format_compact(950) == "950");
  CHECK(format_compact(12345) == "12.3k");
  CHECK(format_compact(12000) == "12k");
  CHECK(format_compact(4500000) == "4.5M");
  CHECK(format_percent(0.0423) == "4.2%");
  CHECK(nice_ticks(9300, 5).back() >= 9300);
  CHECK(nice_ticks(9300, 5).size() <= 7);
  CHECK(nice_ticks(0, 5) == std::vector<double>{0, 1});
}

TEST_CASE("scrape times are read as UTC instants") {
  CHECK(parse_iso_time("1970-01-02T00:00:00Z") == 86400);
  CHECK(parse_iso_time("1970-01-02T02:00:00+02:00") == 86400);
  CHECK(parse_iso_time("1970-01-02T00:00:00.123Z") == 86400);
  CHECK(parse_iso_time("1970-01-02") == 86400);
  CHECK_FALSE(parse_iso_time("yesterday"));
  CHECK_FALSE(parse_iso_time("1970-01-02T25:00:00Z"));
  CHECK_FALSE(parse_iso_time("1970-01-02T00:00:00"));  // no zone: not UTC for sure
  CHECK(iso_day(86400 * 2 + 5) == "1970-01-03");
}

}  // namespace ugc::analytics
