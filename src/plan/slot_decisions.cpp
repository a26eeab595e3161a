#include <algorithm>

#include "blocked_changes.hpp"
#include "decisions.hpp"
#include "publish_dates.hpp"

namespace ugc::plan {
namespace {

// Slots to buy on an existing bundle; a note when the file wants fewer than bought.
void decide_slot_quantity(Planning& p, BundleWork& w) {
  const std::string& ref = w.want->external_ref;
  const int bought = w.have ? w.have->videos_quantity : 0;
  const int needed = p.index.quantity_to_buy(*w.want);
  if (w.have && needed > bought) w.add_slots = needed - bought;
  if (w.have && w.want->videos_quantity < bought)
    p.plan.notes.push_back({ref, "videos_per_account is " + std::to_string(w.want->videos_quantity) + " but " +
                                     std::to_string(bought) +
                                     " slots were bought; the extra slots stay unused (TokPortal does not "
                                     "refund slots)"});
}

// The known slot at the same place (bundle and position), if any.
void match_known_slot(Planning& p, const BundleWork& w, SlotWork& sw) {
  const KnownView::Slot* known = p.index.known_of(*sw.want);
  if (!known) return;
  const state::KnownSlot& k = *known->slot;
  if (k.bundle_ref != w.want->external_ref || k.position != sw.want->position) return;
  sw.have = &k;
  sw.state_ref = known->state_ref;
  p.placed[known->ordinal] = true;
}

// Field changes of a slot already configured in state (`sw.have`).
void diff_slot(Planning& p, const BundleWork& w, SlotWork& sw, SlotState st) {
  const expand::DesiredSlot& s = *sw.want;
  const state::KnownSlot& k = *sw.have;
  const bool posted = st == SlotState::posted;
  std::string date = posted ? k.publish_date : planned_date(p, w, s, k.publish_date);
  if (posted && s.publish_date.str() != k.publish_date) date = s.publish_date.str();
  const std::string& media_key = p.index.media_key_of(s);
  if (sw.state_ref != s.external_ref) sw.changes.push_back({"external_ref", some(std::string(sw.state_ref)), some(s.external_ref)});
  if (k.caption != s.caption) sw.changes.push_back({"caption", some(k.caption), some(s.caption)});
  if (k.publish_date != date) sw.changes.push_back({"publish_date", some(k.publish_date), some(date)});
  if (k.media_sha256 != media_key) {
    sw.changes.push_back({"media", some(k.media_sha256), some(media_key)});
    sw.media_changed = true;
  }
  // Only a changed slot is sent: an unchanged one (most of an applied plan) needs no record.
  if (sw.changes.empty()) return;
  sw.record = p.index.record_of(s, date);
  sw.record.previous_ref = sw.state_ref != s.external_ref ? sw.state_ref : "";
}

// Sorts one desired slot into configure (new), patch, publish_known (configured,
// unchanged) or `reconfigure` (configured, changed: batch or patch decided later).
void decide_slot(Planning& p, BundleWork& w, const expand::DesiredSlot& s, std::vector<SlotWork>& reconfigure) {
  SlotWork sw;
  sw.want = &s;
  match_known_slot(p, w, sw);
  const SlotState st = sw.have ? slot_state(sw.have->status) : SlotState::unconfigured;
  if (st == SlotState::unconfigured) {
    sw.record = p.index.record_of(s, planned_date(p, w, s, ""));
    sw.record.previous_ref = sw.state_ref != s.external_ref ? sw.state_ref : "";
    sw.changes.push_back({"slot " + std::to_string(s.position), none,
                          some(s.video_id + " on " + sw.record.publish_date)});
    w.configure.push_back(std::move(sw));
    return;
  }
  diff_slot(p, w, sw, st);
  if (sw.changes.empty()) {
    if (st == SlotState::configured) w.publish_known.push_back(sw.have);
    return;
  }
  if (st == SlotState::configured) {
    reconfigure.push_back(std::move(sw));
  } else if (!block_slot_change(p, sw, st)) {
    w.patch.push_back(std::move(sw));
  }
}

}  // namespace

void decide_slots(Planning& p, BundleWork& w) {
  count_taken_days(p, w);
  decide_slot_quantity(p, w);
  std::vector<SlotWork> reconfigure;
  const auto wanted = p.index.slots_of(w.want->external_ref);
  if (!w.have) w.configure.reserve(wanted.size());  // a bundle to create configures every slot
  for (const expand::DesiredSlot& s : wanted) decide_slot(p, w, s, reconfigure);
  // Configured slots: one batch PUT carries any number of them; a lone
  // caption/date/ref change is a PATCH (same one request, no re-send of media).
  bool batch = !w.configure.empty() || reconfigure.size() >= 2 ||
               std::any_of(reconfigure.begin(), reconfigure.end(), [](const SlotWork& s) { return s.media_changed; });
  for (auto& sw : reconfigure) (batch ? w.configure : w.patch).push_back(std::move(sw));
}

}  // namespace ugc::plan
