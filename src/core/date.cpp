#include "ugc/core/date.hpp"

#include <array>
#include <cstdio>

namespace ugc {
namespace {

bool parse_digits(std::string_view s, int& out) {
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !s.empty();
}

// Appends rather than `"'" + std::string(text)`: GCC 12 at -O3 reports a false
// -Wrestrict overlap for operator+(const char*, std::string&&) (GCC bug 105329).
Error not_a_date(std::string_view text, const char* why) {
  std::string message = "'";
  message.append(text).append("' is not a date (").append(why).append("; expected YYYY-MM-DD)");
  return invalid_input(std::move(message));
}

}  // namespace

Result<CivilDate> CivilDate::parse(std::string_view text) {
  auto bad = [&](const char* why) { return not_a_date(text, why); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad("wrong shape");
  int y = 0, m = 0, d = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
      !parse_digits(text.substr(8, 2), d))
    return bad("non-digit");
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return bad("no such day");
  return CivilDate(std::chrono::sys_days(ymd));
}

CivilDate CivilDate::at(std::chrono::system_clock::time_point t, UtcOffset zone) {
  // floor, not duration_cast: an instant before 1970 still belongs to the day it falls in.
  return CivilDate(std::chrono::floor<std::chrono::days>(t + zone.east));
}

Result<CivilDate> CivilDate::from_http_date(std::string_view header) {
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (header.size() < 16 || header[3] != ',') return invalid_input("bad HTTP date '" + std::string(header) + "'");
  int d = 0, y = 0;
  if (!parse_digits(header.substr(5, 2), d) || !parse_digits(header.substr(12, 4), y))
    return invalid_input("bad HTTP date '" + std::string(header) + "'");
  std::string_view mon = header.substr(8, 3);
  for (unsigned i = 0; i < months.size(); ++i) {
    if (mon == months[i]) {
      std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(i + 1),
                                      std::chrono::day(static_cast<unsigned>(d))};
      if (!ymd.ok()) break;
      return CivilDate(std::chrono::sys_days(ymd));
    }
  }
  return invalid_input("bad HTTP date '" + std::string(header) + "'");
}

std::string CivilDate::str() const {
  std::chrono::year_month_day ymd(days_);
  const int year = static_cast<int>(ymd.year());
  // Digits by hand for the four-digit years every real date has: snprintf
  // was ~1,700 instructions a call, and a 20,000-slot plan calls this per slot.
  if (year >= 0 && year <= 9999) {
    const unsigned y = static_cast<unsigned>(year);
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    const char text[10] = {static_cast<char>('0' + y / 1000),     static_cast<char>('0' + y / 100 % 10),
                           static_cast<char>('0' + y / 10 % 10),  static_cast<char>('0' + y % 10),
                           '-',
                           static_cast<char>('0' + m / 10),       static_cast<char>('0' + m % 10),
                           '-',
                           static_cast<char>('0' + d / 10),       static_cast<char>('0' + d % 10)};
    return std::string(text, sizeof text);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace ugc
