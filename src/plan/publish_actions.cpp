// Publishing: a bundle in setup goes to TokPortal's managers with one POST
// /publish (unless a batch's auto_publish did it); on an active bundle, slots
// configured earlier go out with one publish-all.
#include "action_order.hpp"
#include "actions.hpp"
#include "publish_dates.hpp"
#include "request_bodies.hpp"

namespace ugc::plan {

SlotRecord published_record(const state::KnownSlot& k) {
  SlotRecord r;
  r.external_ref = k.external_ref;
  r.bundle_ref = k.bundle_ref;
  r.position = k.position;
  r.campaign_video = k.campaign_video;
  r.media_key = k.media_sha256;
  r.video_url = k.video_url;
  r.caption = k.caption;
  r.publish_date = k.publish_date;
  r.status_after = "published";
  return r;
}

void emit_publish_bundle(Planning& p, const BundleWork& w) {
  const std::string& ref = w.want->external_ref;
  Action a;
  a.id = "publish_bundle:" + ref;
  a.kind = ActionKind::publish_bundle;
  a.bundle_ref = ref;
  a.targets = {ref};
  a.reason = "account and videos are configured; publishing sends the order to TokPortal's managers";
  a.changes = {{"status", some(w.have ? w.have->status : std::string("pending_setup")), some("published")}};
  a.depends_on = bundle_deps(w);
  add_dep(a.depends_on, w.account_action);
  add_patch_deps(p, ref, a.depends_on);
  a.requests.push_back({"POST", body::publish_path(ref), Json(), {}, {}, {}});
  a.publishes_bundle = true;
  for (const state::KnownSlot* k : w.publish_known) a.slots.push_back(published_record(*k));
  note_stale_publish(p, w, w.publish_known);
  p.add(std::move(a));
}

void emit_publish_videos(Planning& p, const BundleWork& w, const std::string& batch_action) {
  const std::string& ref = w.want->external_ref;
  Action a;
  a.id = "publish_videos:" + ref;
  a.kind = ActionKind::publish_videos;
  a.bundle_ref = ref;
  a.reason = std::to_string(w.publish_known.size() + w.configure.size()) +
             " configured slot(s) on an active bundle are not visible to the manager until published";
  a.depends_on = bundle_deps(w);
  add_dep(a.depends_on, batch_action);
  add_patch_deps(p, ref, a.depends_on);
  for (const auto& sw : w.configure) {
    a.targets.push_back(sw.want->external_ref);
    a.slots.push_back(sw.record);
    a.slots.back().status_after = "published";
  }
  for (const state::KnownSlot* k : w.publish_known) {
    a.targets.push_back(k->external_ref);
    a.changes.push_back({"slot " + std::to_string(k->position) + " status", some(k->status), some("published")});
    a.slots.push_back(published_record(*k));
  }
  note_stale_publish(p, w, w.publish_known);
  a.requests.push_back({"POST", body::publish_all_path(ref), Json(), {}, {}, {}});
  p.add(std::move(a));
}

}  // namespace ugc::plan
