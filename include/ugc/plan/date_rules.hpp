#pragma once
// The API's date rules, as the planner applies them (docs/tokportal-api.md 6.2):
// a publish date must be at least 3 days after today (UTC) while the bundle's
// account is still being created, at least 1 day once it is delivered; at most
// 3 videos per calendar day per bundle. And where "today" comes from.
#include <optional>
#include <set>
#include <map>
#include <string>

#include "ugc/core/date.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

inline constexpr int kLeadDaysNewAccount = 3;
inline constexpr int kLeadDaysDeliveredAccount = 1;
inline constexpr int kMaxVideosPerDay = 3;

struct Today {
  CivilDate date;
  TodaySource source = TodaySource::local_clock;
};

// --as-of when given, else the server's Date header when known, else `local`.
Today resolve_today(std::optional<CivilDate> as_of, std::optional<CivilDate> server_date,
                    CivilDate local);

// Earliest publish date the API accepts today for an account in that state.
CivilDate earliest_allowed(CivilDate today, bool account_delivered);

// Per bundle, how many slots are dated each day; used to keep under 3 a day
// while moving dates forward.
class DayCounts {
 public:
  void add(const std::string& bundle_ref, CivilDate day);
  void remove(const std::string& bundle_ref, CivilDate day);
  int count(const std::string& bundle_ref, CivilDate day) const;
  // The first day >= `from` with fewer than kMaxVideosPerDay slots in the bundle.
  CivilDate first_free(const std::string& bundle_ref, CivilDate from) const;

 private:
  std::map<std::string, std::map<CivilDate, int>> counts_;
};

}  // namespace ugc::plan
