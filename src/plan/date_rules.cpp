#include "ugc/plan/date_rules.hpp"

namespace ugc::plan {

Today resolve_today(std::optional<CivilDate> as_of, std::optional<CivilDate> server_date, CivilDate local) {
  if (as_of) return {*as_of, TodaySource::as_of};
  if (server_date) return {*server_date, TodaySource::server_date};
  return {local, TodaySource::local_clock};
}

CivilDate earliest_allowed(CivilDate today, bool account_delivered) {
  return today.plus_days(account_delivered ? kLeadDaysDeliveredAccount : kLeadDaysNewAccount);
}

void DayCounts::add(const std::string& bundle_ref, CivilDate day) { ++counts_[bundle_ref][day]; }

void DayCounts::remove(const std::string& bundle_ref, CivilDate day) {
  auto b = counts_.find(bundle_ref);
  if (b == counts_.end()) return;
  auto d = b->second.find(day);
  if (d == b->second.end()) return;
  if (--d->second <= 0) b->second.erase(d);
}

int DayCounts::count(const std::string& bundle_ref, CivilDate day) const {
  auto b = counts_.find(bundle_ref);
  if (b == counts_.end()) return 0;
  auto d = b->second.find(day);
  return d == b->second.end() ? 0 : d->second;
}

CivilDate DayCounts::first_free(const std::string& bundle_ref, CivilDate from) const {
  CivilDate day = from;
  while (count(bundle_ref, day) >= kMaxVideosPerDay) day = day.plus_days(1);
  return day;
}

}  // namespace ugc::plan
