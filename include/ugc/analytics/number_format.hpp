#pragma once
// How the report and the insights write numbers: the same figure reads the
// same everywhere (a table cell, a chart label, a sentence).
#include <cstdint>
#include <string>

namespace ugc::analytics {

// 1234567 -> "1,234,567".
std::string format_count(std::int64_t n);
// Short form for chart labels: 950 -> "950", 12345 -> "12.3k", 4500000 -> "4.5M".
std::string format_compact(double n);
// A ratio as a percentage with one decimal: 0.0423 -> "4.2%".
std::string format_percent(double ratio);

}  // namespace ugc::analytics
