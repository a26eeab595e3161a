#include "ugc/analytics/timestamp.hpp"

#include <array>
#include <cstdio>

namespace ugc::analytics {
namespace {

bool timestamp_digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<Seconds> civil_time(int y, int mo, int d, int h, int mi, int se) {
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(se);
}

// After the seconds: optional fraction, then Z, +HH:MM or -HH:MM (or nothing: UTC).
std::optional<std::chrono::seconds> zone_offset(std::string_view rest) {
  std::size_t i = 0;
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
  }
  rest = rest.substr(i);
  if (rest.empty() || rest == "Z" || rest == "z") return std::chrono::seconds(0);
  int oh = 0, om = 0;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' || !timestamp_digits(rest, 1, 2, oh) ||
      !timestamp_digits(rest, 4, 2, om))
    return std::nullopt;
  const std::chrono::seconds off = std::chrono::hours(oh) + std::chrono::minutes(om);
  return rest[0] == '+' ? off : -off;
}

}  // namespace

std::optional<Seconds> parse_timestamp(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!timestamp_digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !timestamp_digits(s, 5, 2, mo) ||
      s[7] != '-' || !timestamp_digits(s, 8, 2, d))
    return parse_http_date(s);
  if (s.size() == 10) return civil_time(y, mo, d, 0, 0, 0);
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || !timestamp_digits(s, 11, 2, h) || s[13] != ':' ||
      !timestamp_digits(s, 14, 2, mi) || s[16] != ':' || !timestamp_digits(s, 17, 2, se))
    return std::nullopt;
  auto local = civil_time(y, mo, d, h, mi, se);
  auto offset = zone_offset(s.substr(19));
  if (!local || !offset) return std::nullopt;
  return *local - *offset;
}

std::optional<Seconds> parse_http_date(std::string_view s) {
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  int d = 0, y = 0, h = 0, mi = 0, se = 0;
  if (s.size() != 29 || s[3] != ',' || !timestamp_digits(s, 5, 2, d) || !timestamp_digits(s, 12, 4, y) ||
      !timestamp_digits(s, 17, 2, h) || !timestamp_digits(s, 20, 2, mi) || !timestamp_digits(s, 23, 2, se) ||
      s.substr(26) != "GMT")
    return std::nullopt;
  for (unsigned i = 0; i < months.size(); ++i)
    if (s.substr(8, 3) == months[i]) return civil_time(y, static_cast<int>(i) + 1, d, h, mi, se);
  return std::nullopt;
}

std::string iso_utc(Seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(t - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string age_text(std::chrono::seconds age) {
  const long long s = age.count() < 0 ? 0 : age.count();
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 86400) return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
  return std::to_string(s / 86400) + " d " + std::to_string(s % 86400 / 3600) + " h";
}

}  // namespace ugc::analytics
