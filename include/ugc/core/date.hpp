#pragma once
// CivilDate: a calendar day in UTC, the unit of every publish date in the
// campaign file and the TokPortal API ("YYYY-MM-DD").
#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc {

// A zone as a fixed offset from UTC, east of Greenwich positive. No daylight
// saving, no tz database: ugc counts days in UTC, because TokPortal's dates
// are UTC days; the offset is there so that choice is explicit, not assumed.
struct UtcOffset {
  std::chrono::minutes east{0};
  static constexpr UtcOffset utc() { return UtcOffset{}; }
};

class CivilDate {
 public:
  CivilDate() = default;
  explicit CivilDate(std::chrono::sys_days days) : days_(days) {}

  // Strict YYYY-MM-DD; rejects impossible days such as 2026-02-30.
  static Result<CivilDate> parse(std::string_view text);
  // The day it is at `t` in `zone` (today is Clock::today()).
  static CivilDate at(std::chrono::system_clock::time_point t, UtcOffset zone = UtcOffset::utc());
  // The UTC day of an HTTP Date header ("Wed, 25 Nov 2026 15:18:00 GMT").
  static Result<CivilDate> from_http_date(std::string_view header);

  std::string str() const;
  CivilDate plus_days(int n) const { return CivilDate(days_ + std::chrono::days(n)); }
  // Whole days from this date to `later` (negative when `later` is earlier).
  int days_until(CivilDate later) const { return static_cast<int>((later.days_ - days_).count()); }
  std::chrono::sys_days sys_days() const { return days_; }

  auto operator<=>(const CivilDate&) const = default;

 private:
  std::chrono::sys_days days_{};
};

}  // namespace ugc
