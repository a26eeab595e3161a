#include "ugc/analytics/svg_heat_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ugc/analytics/chart_style.hpp"
#include "ugc/analytics/html_escape.hpp"
#include "ugc/analytics/number_format.hpp"

namespace ugc::analytics {
namespace {

constexpr double kHeatLabelWidth = 150, kHeatHeaderHeight = 30, kHeatRowHeight = 46;
constexpr double kHeatMinCell = 64, kHeatTargetWidth = 720, kHeatLegendHeight = 34;

struct HeatRgb {
  double r, g, b;
};
constexpr HeatRgb kHeatLow{234, 242, 251}, kHeatHigh{8, 69, 148};

// Fill of a cell at `share` (0..1) of the largest value, and whether its text should be light.
std::string heat_fill(double share, bool& light_text) {
  share = std::clamp(share, 0.0, 1.0);
  auto mix = [share](double a, double b) { return static_cast<int>(std::lround(a + (b - a) * share)); };
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", mix(kHeatLow.r, kHeatHigh.r), mix(kHeatLow.g, kHeatHigh.g),
                mix(kHeatLow.b, kHeatHigh.b));
  light_text = share > 0.5;
  return buf;
}

std::string heat_cell(const HeatMapSpec& spec, std::size_t r, std::size_t c, double x, double y, double w,
                      double max_value) {
  const HeatCell& cell = spec.cells[r][c];
  const std::string where = html_escape(spec.rows[r]) + " in " + html_escape(spec.columns[c]);
  std::string out = "<g class=\"cell\">";
  const std::string box = "x=\"" + svg_number(x + 1) + "\" y=\"" + svg_number(y + 1) + "\" width=\"" +
                          svg_number(w - 2) + "\" height=\"" + svg_number(kHeatRowHeight - 2) + "\" rx=\"4\"";
  const std::string cx = svg_number(x + w / 2);
  if (!cell.value) {
    out += "<title>" + where + ": no posts</title><rect " + box + " class=\"empty\"/>";
    out += "<text x=\"" + cx + "\" y=\"" + svg_number(y + kHeatRowHeight / 2) +
           "\" dy=\"0.32em\" text-anchor=\"middle\" class=\"muted\">\xE2\x80\x93</text>";
    return out + "</g>";
  }
  bool light = false;
  const std::string fill = heat_fill(max_value > 0 ? *cell.value / max_value : 0, light);
  out += "<title>" + where + ": " + format_count(static_cast<std::int64_t>(std::llround(*cell.value))) + " " +
         html_escape(spec.value_name) + " (" + std::to_string(cell.posts) + (cell.posts == 1 ? " post" : " posts") +
         ")</title>";
  out += "<rect " + box + " fill=\"" + fill + "\"/>";
  const char* cls = light ? " class=\"on-dark\"" : "";
  out += "<text x=\"" + cx + "\" y=\"" + svg_number(y + 20) + "\" text-anchor=\"middle\" font-weight=\"600\"" + cls +
         ">" + format_compact(*cell.value) + "</text>";
  out += "<text x=\"" + cx + "\" y=\"" + svg_number(y + 35) + "\" text-anchor=\"middle\" font-size=\"10\"" + cls +
         ">n=" + std::to_string(cell.posts) + "</text>";
  return out + "</g>";
}

std::string heat_legend(double y, double max_value) {
  std::string out = "<g class=\"legend\"><text x=\"" + svg_number(kHeatLabelWidth - 8) + "\" y=\"" +
                    svg_number(y + 11) + "\" text-anchor=\"end\" class=\"muted\">0</text>";
  for (int i = 0; i < 5; ++i) {
    bool light = false;
    out += "<rect x=\"" + svg_number(kHeatLabelWidth + i * 28) + "\" y=\"" + svg_number(y + 2) +
           "\" width=\"28\" height=\"12\" fill=\"" + heat_fill((i + 0.5) / 5.0, light) + "\"/>";
  }
  out += "<text x=\"" + svg_number(kHeatLabelWidth + 5 * 28 + 8) + "\" y=\"" + svg_number(y + 11) +
         "\" class=\"muted\">" + format_compact(max_value) + "</text>";
  return out + "</g>";
}

}  // namespace

std::string svg_heat_map(const HeatMapSpec& spec) {
  const std::size_t cols = std::max<std::size_t>(1, spec.columns.size());
  const double cell_w = std::max(kHeatMinCell, (kHeatTargetWidth - kHeatLabelWidth) / static_cast<double>(cols));
  const double width = kHeatLabelWidth + cell_w * static_cast<double>(cols) + 4;
  const double grid_bottom = kHeatHeaderHeight + kHeatRowHeight * static_cast<double>(spec.rows.size());
  const double height = grid_bottom + kHeatLegendHeight;
  double max_value = 0;
  for (const auto& row : spec.cells)
    for (const auto& cell : row)
      if (cell.value) max_value = std::max(max_value, *cell.value);

  std::string out = "<svg class=\"chart heat-map\" viewBox=\"0 0 " + svg_number(width) + " " + svg_number(height) +
                    "\" role=\"img\" aria-labelledby=\"" + spec.id + "-title " + spec.id +
                    "-desc\" xmlns=\"http://www.w3.org/2000/svg\">";
  out += "<title id=\"" + spec.id + "-title\">" + html_escape(spec.title) + "</title>";
  out += "<desc id=\"" + spec.id + "-desc\">" + html_escape(spec.description) + "</desc>";
  for (std::size_t c = 0; c < spec.columns.size(); ++c)
    out += "<text x=\"" + svg_number(kHeatLabelWidth + cell_w * (static_cast<double>(c) + 0.5)) +
           "\" y=\"20\" text-anchor=\"middle\" font-weight=\"600\">" +
           html_escape(truncate_label(spec.columns[c], static_cast<std::size_t>(cell_w / 8))) + "</text>";
  for (std::size_t r = 0; r < spec.rows.size(); ++r) {
    const double y = kHeatHeaderHeight + kHeatRowHeight * static_cast<double>(r);
    out += "<text x=\"" + svg_number(kHeatLabelWidth - 10) + "\" y=\"" + svg_number(y + kHeatRowHeight / 2) +
           "\" dy=\"0.32em\" text-anchor=\"end\">" + html_escape(truncate_label(spec.rows[r], 20)) + "</text>";
    for (std::size_t c = 0; r < spec.cells.size() && c < spec.columns.size() && c < spec.cells[r].size(); ++c)
      out += heat_cell(spec, r, c, kHeatLabelWidth + cell_w * static_cast<double>(c), y, cell_w, max_value);
  }
  return out + heat_legend(grid_bottom + 10, max_value) + "</svg>";
}

}  // namespace ugc::analytics
