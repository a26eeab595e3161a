#pragma once
// A time-series line chart as inline SVG: one line per series, a legend, a y
// axis in round numbers and a date axis. Scales with its container (viewBox,
// no fixed size); every point carries a <title> (its series, day and value)
// and the chart a <title> and <desc> for screen readers. All text is escaped.
#include <string>
#include <vector>

#include "ugc/analytics/post_history.hpp"

namespace ugc::analytics {

struct LineChartSpec {
  std::string id;           // unique in the page: prefixes the ids of <title> and <desc>
  std::string title;        // announced by screen readers
  std::string description;  // what the chart shows, in a sentence
  std::string value_name;   // "views": used in the points' tooltips
  std::vector<NamedSeries> series;
};

std::string svg_line_chart(const LineChartSpec& spec);

}  // namespace ugc::analytics
