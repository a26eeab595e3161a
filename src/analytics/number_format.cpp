#include "ugc/analytics/number_format.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace ugc::analytics {

std::string format_count(std::int64_t n) {
  const bool negative = n < 0;
  // Via unsigned so that the most negative value has a magnitude too.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::string digits = std::to_string(magnitude);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string format_compact(double n) {
  char buf[32];
  const double a = std::fabs(n);
  if (a >= 999950.0)
    std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  else if (a >= 999.5)
    std::snprintf(buf, sizeof buf, "%.1fk", n / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", n);
  std::string s = buf;
  // "12.0k" reads as "12k".
  auto dot = s.find(".0");
  if (dot != std::string::npos && dot + 2 < s.size() && !std::isdigit(static_cast<unsigned char>(s[dot + 2])))
    s.erase(dot, 2);
  return s;
}

std::string format_percent(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", ratio * 100.0);
  return buf;
}

}  // namespace ugc::analytics
