#include "ugc/analytics/svg_line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ugc/analytics/chart_style.hpp"
#include "ugc/analytics/html_escape.hpp"
#include "ugc/analytics/iso_time.hpp"
#include "ugc/analytics/number_format.hpp"

namespace ugc::analytics {
namespace {

constexpr double kLineWidth = 720, kLineHeight = 340;
constexpr double kLinePlotLeft = 64, kLinePlotRight = 700, kLinePlotBottom = 300;
constexpr double kLineLegendRow = 22;
constexpr std::int64_t kSecondsPerDay = 86400;

struct LineFrame {
  std::int64_t t0 = 0, t1 = 1;
  double top = 60, y_max = 1;
  double x(std::int64_t t) const {
    return kLinePlotLeft +
           (kLinePlotRight - kLinePlotLeft) * static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
  }
  double y(double v) const { return kLinePlotBottom - (kLinePlotBottom - top) * v / y_max; }
};

// "1 Mar" of a day.
std::string short_day(std::int64_t t) {
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string day = iso_day(t);  // YYYY-MM-DD
  const int month = std::stoi(day.substr(5, 2));
  return std::to_string(std::stoi(day.substr(8, 2))) + " " + months[(month - 1) % 12];
}

// The legend, wrapped over rows; returns its markup and sets the plot's top.
std::string line_legend(const std::vector<NamedSeries>& series, double& plot_top) {
  std::string out = "<g class=\"legend\">";
  double x = kLinePlotLeft, y = 18;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string name = truncate_label(series[i].name, 24);
    const double w = 22 + text_width_estimate(name, 12) + 18;
    if (x + w > kLinePlotRight && x > kLinePlotLeft) {
      x = kLinePlotLeft;
      y += kLineLegendRow;
    }
    out += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y - 9) +
           "\" width=\"14\" height=\"4\" rx=\"2\" fill=\"" + series_colour(i) + "\"/>";
    out += "<text x=\"" + svg_number(x + 20) + "\" y=\"" + svg_number(y - 3) + "\" class=\"legend-label\">" +
           html_escape(name) + "</text>";
    x += w;
  }
  plot_top = y + 26;
  return out + "</g>";
}

std::string line_y_axis(const LineFrame& f, const std::vector<double>& ticks) {
  std::string out = "<g class=\"axis y-axis\">";
  for (double v : ticks) {
    const std::string y = svg_number(f.y(v));
    out += "<line x1=\"" + svg_number(kLinePlotLeft) + "\" x2=\"" + svg_number(kLinePlotRight) + "\" y1=\"" + y +
           "\" y2=\"" + y + "\" class=\"grid\"/>";
    out += "<text x=\"" + svg_number(kLinePlotLeft - 8) + "\" y=\"" + y + "\" dy=\"0.32em\" text-anchor=\"end\">" +
           format_compact(v) + "</text>";
  }
  return out + "</g>";
}

std::string line_x_axis(const LineFrame& f) {
  std::string out = "<g class=\"axis x-axis\">";
  out += "<line x1=\"" + svg_number(kLinePlotLeft) + "\" x2=\"" + svg_number(kLinePlotRight) + "\" y1=\"" +
         svg_number(kLinePlotBottom) + "\" y2=\"" + svg_number(kLinePlotBottom) + "\" class=\"baseline\"/>";
  const std::int64_t span_days = std::max<std::int64_t>(1, (f.t1 - f.t0) / kSecondsPerDay);
  const std::int64_t step = std::max<std::int64_t>(1, (span_days + 5) / 6) * kSecondsPerDay;
  std::int64_t first = (f.t0 + kSecondsPerDay - 1) / kSecondsPerDay * kSecondsPerDay;
  for (std::int64_t t = first; t <= f.t1; t += step) {
    const std::string x = svg_number(f.x(t));
    out += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + svg_number(kLinePlotBottom) + "\" y2=\"" +
           svg_number(kLinePlotBottom + 5) + "\" class=\"tick\"/>";
    out += "<text x=\"" + x + "\" y=\"" + svg_number(kLinePlotBottom + 20) + "\" text-anchor=\"middle\">" +
           short_day(t) + "</text>";
  }
  return out + "</g>";
}

std::string line_series(const LineFrame& f, const NamedSeries& s, std::size_t index, const std::string& value_name) {
  const char* colour = series_colour(index);
  std::string points;
  std::string dots;
  for (const auto& p : s.points) {
    const std::string x = svg_number(f.x(p.at)), y = svg_number(f.y(p.value));
    points += (points.empty() ? "" : " ") + x + "," + y;
    dots += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"3\" fill=\"" + colour + "\"><title>" + html_escape(s.name) +
            ", " + iso_day(p.at) + ": " + format_count(static_cast<std::int64_t>(std::llround(p.value))) + " " +
            html_escape(value_name) + "</title></circle>";
  }
  return "<g class=\"series\"><polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour +
         "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>" + dots + "</g>";
}

LineFrame line_frame(const std::vector<NamedSeries>& series, double top) {
  LineFrame f;
  f.top = top;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = std::numeric_limits<std::int64_t>::min();
  double max_value = 0;
  for (const auto& s : series)
    for (const auto& p : s.points) {
      lo = std::min(lo, p.at);
      hi = std::max(hi, p.at);
      max_value = std::max(max_value, p.value);
    }
  if (lo > hi) lo = hi = 0;
  // A single snapshot time still gets a day of axis on either side.
  if (hi - lo < kSecondsPerDay) {
    lo -= kSecondsPerDay / 2;
    hi += kSecondsPerDay / 2;
  }
  f.t0 = lo;
  f.t1 = hi;
  f.y_max = nice_ticks(max_value, 5).back();
  if (f.y_max <= 0) f.y_max = 1;
  return f;
}

}  // namespace

std::string svg_line_chart(const LineChartSpec& spec) {
  double top = 60;
  const std::string legend = line_legend(spec.series, top);
  const LineFrame f = line_frame(spec.series, top);
  std::string out = "<svg class=\"chart line-chart\" viewBox=\"0 0 " + svg_number(kLineWidth) + " " +
                    svg_number(kLineHeight) + "\" role=\"img\" aria-labelledby=\"" + spec.id + "-title " + spec.id +
                    "-desc\" " + "preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">";
  out += "<title id=\"" + spec.id + "-title\">" + html_escape(spec.title) + "</title>";
  out += "<desc id=\"" + spec.id + "-desc\">" + html_escape(spec.description) + "</desc>";
  out += legend + line_y_axis(f, nice_ticks(f.y_max, 5)) + line_x_axis(f);
  for (std::size_t i = 0; i < spec.series.size(); ++i) out += line_series(f, spec.series[i], i, spec.value_name);
  return out + "</svg>";
}

}  // namespace ugc::analytics
