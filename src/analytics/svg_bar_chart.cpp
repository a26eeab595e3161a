#include "ugc/analytics/svg_bar_chart.hpp"

#include <algorithm>
#include <cmath>

#include "ugc/analytics/chart_style.hpp"
#include "ugc/analytics/html_escape.hpp"
#include "ugc/analytics/number_format.hpp"

namespace ugc::analytics {
namespace {

constexpr double kBarWidth = 360, kBarRowHeight = 30, kBarThickness = 18;
constexpr double kBarLabelRight = 150, kBarPlotRight = 312, kBarTop = 8;
constexpr std::size_t kBarLabelChars = 22;

std::string bar_row(const Bar& bar, std::size_t row, double scale_max, const BarChartSpec& spec) {
  const double y = kBarTop + static_cast<double>(row) * kBarRowHeight;
  const double len = scale_max > 0 ? (kBarPlotRight - kBarLabelRight) * std::max(0.0, bar.value) / scale_max : 0;
  const std::string mid = svg_number(y + kBarThickness / 2);
  std::string out = "<g class=\"bar\"><title>" + html_escape(bar.label) +
                    (bar.detail.empty() ? "" : " (" + html_escape(bar.detail) + ")") + ": " +
                    format_count(static_cast<std::int64_t>(std::llround(bar.value))) + " " +
                    html_escape(spec.value_name) + "</title>";
  out += "<text x=\"" + svg_number(kBarLabelRight - 6) + "\" y=\"" + mid + "\" dy=\"0.32em\" text-anchor=\"end\">" +
         html_escape(truncate_label(bar.label, kBarLabelChars)) + "</text>";
  out += "<rect x=\"" + svg_number(kBarLabelRight) + "\" y=\"" + svg_number(y) + "\" width=\"" +
         svg_number(std::max(1.0, len)) + "\" height=\"" + svg_number(kBarThickness) + "\" rx=\"3\" fill=\"" +
         html_escape(spec.colour) + "\"/>";
  out += "<text x=\"" + svg_number(kBarLabelRight + std::max(1.0, len) + 5) + "\" y=\"" + mid +
         "\" dy=\"0.32em\" class=\"value\">" + format_compact(bar.value) + "</text>";
  return out + "</g>";
}

}  // namespace

std::string svg_bar_chart(const BarChartSpec& spec) {
  double largest = 0;
  for (const auto& b : spec.bars) largest = std::max(largest, b.value);
  const double scale_max = spec.scale_max > 0 ? std::max(spec.scale_max, largest) : largest;
  const double height = kBarTop * 2 + kBarRowHeight * static_cast<double>(std::max<std::size_t>(1, spec.bars.size()));
  std::string out = "<svg class=\"chart bar-chart\" viewBox=\"0 0 " + svg_number(kBarWidth) + " " + svg_number(height) +
                    "\" role=\"img\" aria-labelledby=\"" + spec.id + "-title " + spec.id +
                    "-desc\" xmlns=\"http://www.w3.org/2000/svg\">";
  out += "<title id=\"" + spec.id + "-title\">" + html_escape(spec.title) + "</title>";
  out += "<desc id=\"" + spec.id + "-desc\">" + html_escape(spec.description) + "</desc>";
  out += "<line x1=\"" + svg_number(kBarLabelRight) + "\" x2=\"" + svg_number(kBarLabelRight) + "\" y1=\"" +
         svg_number(kBarTop - 4) + "\" y2=\"" + svg_number(height - kBarTop + 4) + "\" class=\"baseline\"/>";
  for (std::size_t i = 0; i < spec.bars.size(); ++i) out += bar_row(spec.bars[i], i, scale_max, spec);
  return out + "</svg>";
}

}  // namespace ugc::analytics
