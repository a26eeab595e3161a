#include "ugc/analytics/chart_style.hpp"

#include <cmath>
#include <cstdio>

namespace ugc::analytics {
namespace {

constexpr const char* kSeriesPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                          "#56B4E9", "#D55E00", "#8C6D1F", "#4D4D4D"};

bool utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += utf8_continuation(c) ? 0 : 1;
  return n;
}

}  // namespace

const char* series_colour(std::size_t index) {
  return kSeriesPalette[index % (sizeof kSeriesPalette / sizeof kSeriesPalette[0])];
}

std::vector<double> nice_ticks(double max, int count) {
  if (!(max > 0) || count < 1) return {0, 1};
  const double raw = max / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (double v = 0; ticks.empty() || ticks.back() < max; v += step) ticks.push_back(v);
  return ticks;
}

std::string svg_number(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string truncate_label(std::string_view text, std::size_t max_chars) {
  if (utf8_length(text) <= max_chars || max_chars == 0) return std::string(text);
  std::size_t chars = 0, cut = 0;
  for (; cut < text.size(); ++cut) {
    if (!utf8_continuation(static_cast<unsigned char>(text[cut]))) {
      if (chars == max_chars - 1) break;
      ++chars;
    }
  }
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";  // U+2026
}

double text_width_estimate(std::string_view text, double font_px) {
  return static_cast<double>(utf8_length(text)) * font_px * 0.6;
}

}  // namespace ugc::analytics
