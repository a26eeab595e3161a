#pragma once
// A heat map as inline SVG (the report's creator x market grid): rows by
// columns of cells shaded from light (low) to dark (high) against the largest
// value, each cell printing its value and post count, empty cells marked.
// Scales with its container (viewBox); each cell has a <title>, the chart a
// <title> and <desc>. All text is escaped.
#include <optional>
#include <string>
#include <vector>

namespace ugc::analytics {

struct HeatCell {
  std::optional<double> value;  // nullopt: nothing in this row x column
  int posts = 0;                // shown under the value ("n=4")
};

struct HeatMapSpec {
  std::string id;  // unique in the page: prefixes the ids of <title> and <desc>
  std::string title;
  std::string description;
  std::string value_name;  // "median views per post": used in the tooltips
  std::vector<std::string> rows, columns;
  std::vector<std::vector<HeatCell>> cells;  // [row][column]
};

std::string svg_heat_map(const HeatMapSpec& spec);

}  // namespace ugc::analytics
