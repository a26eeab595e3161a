// Slots and bundles state knows that the file no longer has: unschedule what
// is not posted yet, note the rest. Never a delete.
#include <algorithm>
#include <set>

#include "action_order.hpp"
#include "actions.hpp"
#include "lifecycle.hpp"
#include "request_bodies.hpp"

namespace ugc::plan {
namespace {

void note_removed_bundles(Planning& p) {
  std::set<std::string> desired_bundles;
  for (const auto& b : p.index.desired().bundles) desired_bundles.insert(b.external_ref);
  for (const auto& [ref, kb] : p.index.view().bundles) {
    if (desired_bundles.count(ref)) continue;
    p.plan.notes.push_back({ref, "bundle is no longer in the campaign file; ugc never deletes bundles (the "
                                 "account stays as it is" +
                                     std::string(bundle_in_setup(kb.bundle.status)
                                                     ? ", unpublished; its credits are not refunded)"
                                                     : ")") +
                                     "; `ugc state rm " + ref + "` stops tracking it"});
  }
}

// A note for a slot that stays as it is; false when it is to be unscheduled.
bool note_kept_slot(Planning& p, const state::KnownSlot& k, const std::string& why) {
  switch (slot_state(k.status)) {
    case SlotState::posted:
      p.plan.notes.push_back({k.external_ref, why + "; it is already posted (" + k.status +
                                                  ") and stays online: ugc never deletes posts"});
      return true;
    case SlotState::cancelled:
      return true;
    case SlotState::unconfigured:
      if (k.status == "unscheduled") return true;
      p.plan.notes.push_back({k.external_ref, why + "; its slot was never configured and stays reserved until "
                                                    "`ugc state rm " + k.external_ref + "`"});
      return true;
    case SlotState::configured:
    case SlotState::scheduled:
      break;
  }
  return false;
}

void emit_removal(Planning& p, const KnownView::Slot& ks) {
  const state::KnownSlot& k = *ks.slot;
  const std::string why = ks.desired
                              ? "video " + k.campaign_video + " moved to another slot"
                              : "video " + k.campaign_video + " is no longer in the file for this market/platform";
  if (note_kept_slot(p, k, why)) return;
  Action a;
  a.id = "unschedule_video:" + k.external_ref;
  a.kind = ActionKind::unschedule_video;
  a.bundle_ref = k.bundle_ref;
  a.targets = {k.external_ref};
  a.reason = why + " (not posted yet): unscheduled, not deleted";
  a.changes = {{"status", some(k.status), some("unscheduled")}};
  if (const Action* rename = p.plan.find("rename_bundle:" + k.bundle_ref)) add_dep(a.depends_on, rename->id);
  a.requests.push_back({"POST", body::unschedule_path(k.bundle_ref, k.position), Json(), {}, {}, {}});
  SlotRecord r = published_record(k);
  r.external_ref = ks.state_ref;
  r.status_after = "unscheduled";
  a.slots.push_back(r);
  p.add(std::move(a));
}

}  // namespace

void emit_removals(Planning& p) {
  note_removed_bundles(p);
  std::vector<const KnownView::Slot*> gone;
  for (const auto& [ref, ks] : p.index.view().slots)
    if (!p.placed[ks.ordinal] && !p.held_bundles.count(ks.slot->bundle_ref)) gone.push_back(&ks);
  std::sort(gone.begin(), gone.end(), [](const KnownView::Slot* a, const KnownView::Slot* b) {
    if (a->slot->bundle_ref != b->slot->bundle_ref) return a->slot->bundle_ref < b->slot->bundle_ref;
    if (a->slot->position != b->slot->position) return a->slot->position < b->slot->position;
    return a->slot->external_ref < b->slot->external_ref;  // the view is unordered
  });
  for (const auto* ks : gone) emit_removal(p, *ks);
}

}  // namespace ugc::plan
