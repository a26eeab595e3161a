#include "publish_dates.hpp"

#include "lifecycle.hpp"

namespace ugc::plan {

void count_taken_days(Planning& p, const BundleWork& w) {
  const std::string& ref = w.want->external_ref;
  for (const expand::DesiredSlot& s : p.index.slots_of(ref))
    if (s.publish_date >= w.earliest) p.days.add(ref, s.publish_date);
  for (const KnownView::Slot* known : p.index.known_slots_of(ref)) {
    if (known->desired) continue;
    const state::KnownSlot& k = *known->slot;
    auto st = slot_state(k.status);
    if (st == SlotState::unconfigured || st == SlotState::cancelled) continue;
    if (auto d = CivilDate::parse(k.publish_date); d && *d >= w.earliest) p.days.add(ref, *d);
  }
}

std::string planned_date(Planning& p, const BundleWork& w, const expand::DesiredSlot& s,
                         const std::string& known_date) {
  const std::string& ref = w.want->external_ref;
  if (s.publish_date >= w.earliest) return s.publish_date.str();
  // Too close, but unchanged: nothing to send (publishing moves it, see note_stale_publish).
  if (known_date == s.publish_date.str()) return known_date;
  // Already moved forward (by the server or an earlier apply)? Keep it.
  if (auto k = CivilDate::parse(known_date); k && *k >= w.earliest) return known_date;
  CivilDate day = p.days.first_free(ref, w.earliest);
  p.days.add(ref, day);
  p.plan.date_shifts.push_back({s.external_ref, ref, s.publish_date.str(), day.str(),
                                w.delivered ? kLeadDaysDeliveredAccount : kLeadDaysNewAccount,
                                "configured with the planned date (the API refuses dates closer than the lead "
                                "time)"});
  return day.str();
}

void note_stale_publish(Planning& p, const BundleWork& w, const std::vector<const state::KnownSlot*>& slots) {
  for (const state::KnownSlot* k : slots) {
    auto d = CivilDate::parse(k->publish_date);
    if (!d || *d >= w.earliest) continue;
    CivilDate day = p.days.first_free(w.want->external_ref, w.earliest);
    p.days.add(w.want->external_ref, day);
    p.plan.date_shifts.push_back({k->external_ref, w.want->external_ref, k->publish_date, day.str(),
                                  w.delivered ? kLeadDaysDeliveredAccount : kLeadDaysNewAccount,
                                  "the server moves it forward on publish"});
  }
}

}  // namespace ugc::plan
