#pragma once
// A horizontal bar chart as inline SVG (the report's "top videos in a
// market"): one labelled bar per item, longest first as given, its value at
// the end of the bar. Scales with its container (viewBox); each bar has a
// <title> with its full label and detail, the chart a <title> and <desc>.
// All text is escaped; long labels are shortened on the chart only.
#include <string>
#include <vector>

namespace ugc::analytics {

struct Bar {
  std::string label;   // drawn left of the bar (shortened when long)
  std::string detail;  // tooltip text after the label, e.g. "tiktok, Jane Doe"
  double value = 0;
};

struct BarChartSpec {
  std::string id;  // unique in the page: prefixes the ids of <title> and <desc>
  std::string title;
  std::string description;
  std::string value_name;  // "views"
  std::string colour;      // bar fill, e.g. series_colour(i)
  double scale_max = 0;    // bars are drawn against this (0: the largest bar) so charts side by side compare
  std::vector<Bar> bars;
};

std::string svg_bar_chart(const BarChartSpec& spec);

}  // namespace ugc::analytics
