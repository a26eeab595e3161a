#pragma once
// Renders a Comparison as a text table, CSV or JSON. The three carry the same
// rows and the same numbers (rounded once, in comparison.cpp): counts as
// integers, medians, averages and rates with 2 decimals. Each says how old the
// data is: the oldest and newest scraped_at of the figures (text: and their
// age at `now`; JSON: age_seconds; CSV: per row, columns oldest_scraped_at and
// newest_scraped_at).
#include <optional>
#include <string>

#include "ugc/analytics/comparison.hpp"
#include "ugc/analytics/timestamp.hpp"

namespace ugc::analytics {

enum class ComparisonFormat { table, csv, json };
std::optional<ComparisonFormat> parse_comparison_format(const std::string& text);

std::string render_comparison(const Comparison& comparison, ComparisonFormat format, std::optional<Seconds> now);

}  // namespace ugc::analytics
