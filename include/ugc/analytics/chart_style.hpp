#pragma once
// What every SVG chart of the report shares: the series colours, the axis
// ticks and the sizes of text, so that the charts look like one family and a
// market has the same colour in every chart.
#include <string>
#include <string_view>
#include <vector>

namespace ugc::analytics {

// Colour of series `index`: a palette that stays distinguishable for the
// common colour-vision deficiencies (Okabe-Ito order), then repeats.
const char* series_colour(std::size_t index);

// Up to about `count` round tick values from 0 to at least `max` (0, 5k,
// 10k, ...); the last one is >= max. Never empty.
std::vector<double> nice_ticks(double max, int count);

// A number as SVG wants it: at most two decimals, no exponent.
std::string svg_number(double v);

// `text` cut to at most `max_chars` characters (UTF-8 aware), with an ellipsis
// when cut: long captions and keys must not run over a chart.
std::string truncate_label(std::string_view text, std::size_t max_chars);

// Rough width in px of `text` at `font_px`, for laying out legends and labels
// without a browser.
double text_width_estimate(std::string_view text, double font_px);

}  // namespace ugc::analytics
