#include "ugc/analytics/iso_time.hpp"

#include <cctype>
#include <chrono>

#include "ugc/core/date.hpp"

namespace ugc::analytics {
namespace {

// The number at text[at, at+len) when it is all digits.
std::optional<int> iso_digits(std::string_view text, std::size_t at, std::size_t len) {
  if (text.size() < at + len) return std::nullopt;
  int v = 0;
  for (std::size_t i = at; i < at + len; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// Seconds east of UTC of a zone suffix ("Z", "+02:00", "-0500"); nullopt when malformed.
std::optional<int> iso_zone_seconds(std::string_view zone) {
  if (zone == "Z" || zone == "z") return 0;
  if (zone.size() != 6 && zone.size() != 5) return std::nullopt;
  if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
  auto h = iso_digits(zone, 1, 2);
  auto m = iso_digits(zone, zone.size() == 6 ? 4 : 3, 2);
  if (!h || !m || (zone.size() == 6 && zone[3] != ':') || *h > 23 || *m > 59) return std::nullopt;
  int s = *h * 3600 + *m * 60;
  return zone[0] == '-' ? -s : s;
}

}  // namespace

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
  auto day = CivilDate::parse(text.substr(0, 10));
  if (!day) return std::nullopt;
  std::int64_t t = std::chrono::duration_cast<std::chrono::seconds>(day->sys_days().time_since_epoch()).count();
  if (text.size() == 10) return t;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  auto h = iso_digits(text, 11, 2), m = iso_digits(text, 14, 2), s = iso_digits(text, 17, 2);
  if (!h || !m || !s || text[13] != ':' || text[16] != ':' || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  std::size_t rest = 19;
  if (rest < text.size() && text[rest] == '.') {
    ++rest;
    while (rest < text.size() && std::isdigit(static_cast<unsigned char>(text[rest]))) ++rest;
  }
  auto zone = iso_zone_seconds(text.substr(rest));
  if (!zone) return std::nullopt;
  return t + *h * 3600 + *m * 60 + *s - *zone;
}

std::string iso_day(std::int64_t unix_seconds) {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(unix_seconds)));
  return CivilDate(days).str();
}

}  // namespace ugc::analytics
