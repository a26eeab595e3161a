#include "blocked_changes.hpp"

namespace ugc::plan {

bool block_identity_change(Planning& p, const BundleWork& w) {
  const state::KnownBundle& have = *w.have;
  const std::string want_platform = manifest::to_string(w.want->platform);
  const std::string have_country = have.country.empty() ? have.market : have.country;
  std::vector<FieldChange> changes;
  if (!have.market.empty() && have.market != w.want->market)
    changes.push_back({"country", some(have_country), some(w.country)});
  if (!have.platform.empty() && have.platform != want_platform)
    changes.push_back({"platform", some(have.platform), some(want_platform)});
  if (changes.empty()) return false;
  const int held = static_cast<int>(p.index.slots_of(w.want->external_ref).size());
  std::string reason = "TokPortal cannot change the country or platform of an existing bundle (" + w.state_ref +
                       " is " + have_country + "/" + have.platform + ")";
  if (held > 0) reason += "; its " + std::to_string(held) + " slot(s) in the file are held back too";
  std::string remedy = w.state_ref != w.want->external_ref
                           ? "remove the `moved:` entry " + w.state_ref + " -> " + w.want->external_ref +
                                 " so a new bundle is created (the old one stays as it is)"
                           : "keep the bundle's country and platform, or `ugc state rm " + w.state_ref +
                                 "` to forget it and plan a new bundle";
  p.plan.blocked.push_back({"blocked:" + w.want->external_ref + ":identity", w.want->external_ref, reason, remedy,
                            changes});
  p.held_bundles.insert(w.want->external_ref);
  return true;
}

namespace {

// Why a closed bundle takes nothing more, with what TokPortal said.
std::string closed_reason(const state::KnownBundle& have) {
  std::string why = "bundle is " + have.status;
  if (have.status != "cancelled") return why;
  if (!have.cancel_reason.empty()) why += " (" + have.cancel_reason + ")";
  if (have.account && have.account->status == "banned")
    why += "; its account " + (have.account->username.empty() ? have.account->saved_account_id
                                                               : have.account->username) + " is banned";
  return why;
}

}  // namespace

bool block_closed_bundle(Planning& p, const BundleWork& w) {
  // Everything not posted waits: never configured, configured or scheduled
  // (a cancel stops those), or cancelled with the bundle.
  int pending = 0;
  std::vector<FieldChange> held;
  for (const expand::DesiredSlot& s : p.index.slots_of(w.want->external_ref)) {
    const KnownView::Slot* known = p.index.known_of(s);
    if (known && slot_state(known->slot->status) == SlotState::posted) continue;
    ++pending;
    held.push_back({"video " + s.video_id + " (" + s.external_ref + ")",
                    some(known ? known->slot->status : std::string("not configured")), some("blocked")});
  }
  if (pending == 0) return false;
  const std::string& status = w.have->status;
  std::string remedy = status == "cancelled"
                           ? "set `on_cancel: replace` on market " + w.want->market +
                                 " to buy a replacement bundle for them (priced in the plan), or `ugc state rm " +
                                 w.state_ref + "` to forget it and plan a new bundle"
                           : "add accounts to market " + w.want->market + " so new videos go to a new bundle";
  p.plan.blocked.push_back({"blocked:" + w.want->external_ref + ":status", w.want->external_ref,
                            closed_reason(*w.have) + "; TokPortal accepts no new videos on it (" +
                                std::to_string(pending) + " unposted video(s) blocked)",
                            remedy, held});
  p.held_bundles.insert(w.want->external_ref);
  return true;
}

void block_account_change(Planning& p, BundleWork& w) {
  std::string remedy =
      w.delivered ? "on the delivered account, request an edit (POST /accounts/{id}/edit-request, " +
                        std::string("8 credits) from the TokPortal dashboard, or restore the profile in the file")
                  : "restore the profile in the file, or unpublish the bundle (only before a manager accepts "
                    "it) and plan again";
  p.plan.blocked.push_back({"blocked:" + w.want->external_ref + ":account", w.want->external_ref,
                            "the account profile cannot change after the bundle is published (it is " +
                                w.have->status + ")",
                            remedy, w.account_changes});
  w.account_changes.clear();
}

namespace {

struct SlotBlockText {
  std::string why;
  std::string remedy;
};

SlotBlockText slot_block_text(const SlotWork& sw, SlotState st) {
  if (st == SlotState::posted)
    return {"the video is already posted (" + sw.have->status + "); TokPortal cannot change a posted video",
            "restore the old value in the file, or publish the new version as a new video id"};
  if (st == SlotState::cancelled)
    return {"the slot was cancelled by TokPortal", "publish it as a new video id (it gets a new slot)"};
  return {"the video was handed to the manager (" + sw.have->status +
              "); its media cannot be replaced, only caption and date",
          "give the new media a new video id in the file (the old slot is then unscheduled)"};
}

}  // namespace

bool block_slot_change(Planning& p, SlotWork& sw, SlotState st) {
  std::vector<FieldChange> blocked;
  std::vector<FieldChange> allowed;
  for (const auto& c : sw.changes) {
    bool ok = c.field == "external_ref" || (st == SlotState::scheduled && c.field != "media");
    (ok ? allowed : blocked).push_back(c);
  }
  if (!blocked.empty()) {
    SlotBlockText text = slot_block_text(sw, st);
    p.plan.blocked.push_back({"blocked:" + sw.want->external_ref + ":" + blocked.front().field,
                              sw.want->external_ref, text.why, text.remedy, blocked});
    // Keep the recorded values for what cannot change.
    for (const auto& c : blocked) {
      if (c.field == "caption") sw.record.caption = sw.have->caption;
      if (c.field == "publish_date") sw.record.publish_date = sw.have->publish_date;
    }
  }
  sw.changes = allowed;
  return allowed.empty();
}

}  // namespace ugc::plan
