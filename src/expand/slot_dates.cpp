#include "ugc/expand/slot_dates.hpp"

#include <map>

namespace ugc::expand {

std::vector<manifest::Diagnostic> check_slot_dates(const DesiredResources& desired) {
  // Slots come ordered by bundle, then position; keep that order inside a day
  // so the diagnostic points at the first video over the limit.
  std::vector<manifest::Diagnostic> out;
  std::size_t i = 0;
  while (i < desired.slots.size()) {
    const std::string& bundle = desired.slots[i].bundle_ref;
    std::map<CivilDate, std::vector<const DesiredSlot*>> by_day;
    for (; i < desired.slots.size() && desired.slots[i].bundle_ref == bundle; ++i)
      by_day[desired.slots[i].publish_date].push_back(&desired.slots[i]);
    for (const auto& [day, slots] : by_day) {
      if (static_cast<int>(slots.size()) <= manifest::kMaxVideosPerDayPerBundle) continue;
      std::string videos;
      for (const DesiredSlot* slot : slots) videos += (videos.empty() ? "" : ", ") + slot->video_id;
      manifest::Diagnostic d;
      d.severity = manifest::Severity::error;
      d.rule = "videos-per-day";
      d.where = slots[manifest::kMaxVideosPerDayPerBundle]->where;
      d.message = "bundle " + bundle + " has " + std::to_string(slots.size()) + " videos on " + day.str() + " (" +
                  videos + "); the API allows at most " + std::to_string(manifest::kMaxVideosPerDayPerBundle) +
                  " per calendar day per bundle: change publish_on, raise defaults.schedule.every_days, "
                  "or add accounts";
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace ugc::expand
