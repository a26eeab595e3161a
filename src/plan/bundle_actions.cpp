#include "action_order.hpp"
#include "actions.hpp"
#include "lifecycle.hpp"
#include "request_bodies.hpp"

namespace ugc::plan {
namespace {

// Returns the action id, empty when no slot is to buy.
std::string emit_add_slots(Planning& p, const BundleWork& w) {
  if (w.add_slots <= 0) return {};
  const std::string& ref = w.want->external_ref;
  const int bought = w.have->videos_quantity;
  const int total = bought + w.add_slots;
  Action a;
  a.id = "add_video_slots:" + ref + ":" + std::to_string(bought + 1) + "-" + std::to_string(total);
  a.kind = ActionKind::add_video_slots;
  a.bundle_ref = ref;
  a.targets = {ref};
  a.reason = "the file needs " + std::to_string(total) + " slots, " + std::to_string(bought) + " bought";
  a.changes = {{"videos_quantity", some(std::to_string(bought)), some(std::to_string(total))}};
  a.credits = w.add_slots * p.inputs.costs.video_slot;
  a.depends_on = bundle_deps(w);
  a.requests.push_back({"POST", body::add_video_slots_path(ref), body::add_video_slots(w.add_slots), {}, {}, {}});
  a.bundles.push_back(bundle_record(w, total));
  std::string id = a.id;
  p.add(std::move(a));
  return id;
}

}  // namespace

BundleRecord bundle_record(const BundleWork& w, int videos_quantity) {
  return {w.want->external_ref, "", w.want->market, w.country, manifest::to_string(w.want->platform),
          w.want->index, videos_quantity};
}

void emit_renames(Planning& p, std::vector<BundleWork>& work) {
  for (auto& w : work) {
    if (!w.have || w.state_ref == w.want->external_ref) continue;
    Action a;
    a.id = "rename_bundle:" + w.want->external_ref;
    a.kind = ActionKind::rename_bundle;
    a.bundle_ref = w.want->external_ref;
    a.targets = {w.state_ref, w.want->external_ref};
    a.reason = "`moved:` renames " + w.state_ref + " to " + w.want->external_ref + " (kept, not recreated)";
    a.changes = {{"external_ref", some(w.state_ref), some(w.want->external_ref)}};
    a.requests.push_back(
        {"PATCH", body::bundle_path(w.state_ref), body::rename_bundle(w.want->external_ref), {}, {}, {}});
    a.bundles.push_back(bundle_record(w, w.have->videos_quantity));
    a.bundles.back().previous_ref = w.state_ref;
    w.rename_action = a.id;
    p.add(std::move(a));
  }
}

void emit_bundle_actions(Planning& p, BundleWork& w) {
  if (w.configure_account) emit_account(p, w);
  const std::string add_action = emit_add_slots(p, w);
  const bool active = w.have && !bundle_in_setup(w.have->status);
  // On an active bundle a batch's auto_publish only covers its own slots;
  // when older configured slots wait too, one publish-all covers them all.
  const bool publish_all = active && !w.publish_known.empty();
  std::string batch_action;
  if (!w.configure.empty()) batch_action = emit_batch(p, w, add_action, active, active ? !publish_all : w.publish);
  for (auto& sw : w.patch) emit_patch(p, w, sw);
  if (w.publish && w.configure.empty()) emit_publish_bundle(p, w);
  if (publish_all) emit_publish_videos(p, w, batch_action);
}

}  // namespace ugc::plan
