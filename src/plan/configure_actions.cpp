// Configuring what a bundle holds: its account profile (PUT, the complete
// profile), its slots in one batch PUT (auto_publish folds the publish in),
// and lone caption/date/ref changes as PATCHes.
#include <algorithm>
#include <unordered_set>
#include <utility>

#include "action_order.hpp"
#include "actions.hpp"
#include "lifecycle.hpp"
#include "publish_dates.hpp"
#include "request_bodies.hpp"

namespace ugc::plan {
namespace {

// The profile_picture_url to send: a known upload's storage path, else a
// placeholder for this plan's upload (which the action then waits for).
std::string picture_to_send(const Planning& p, const BundleWork& w, const std::string& pic_key, Action& a) {
  if (pic_key.empty()) return {};
  if (const state::KnownMedia* k = p.index.known_media(pic_key, "profile_picture"))
    return k->storage_path.empty() ? k->public_url : k->storage_path;
  add_dep(a.depends_on, upload_action_of(p, w.want->account.profile_picture_media, "profile_picture"));
  return body::media_storage(pic_key);
}

std::string batch_reason(std::size_t slots, int fresh, bool auto_publish, bool active) {
  const int reconfigured = static_cast<int>(slots) - fresh;
  std::string reason = std::to_string(slots) + " slot(s) in one batch call";
  if (fresh > 0) reason += ": " + std::to_string(fresh) + " new";
  if (reconfigured > 0) reason += std::string(fresh > 0 ? ", " : ": ") + std::to_string(reconfigured) + " changed";
  if (auto_publish)
    reason += active ? "; auto_publish sends them to the manager"
                     : "; auto_publish publishes the bundle (saves the separate publish call)";
  return reason;
}

}  // namespace

void emit_account(Planning& p, BundleWork& w) {
  const std::string& ref = w.want->external_ref;
  Action a;
  a.id = "configure_account:" + ref;
  a.kind = ActionKind::configure_account;
  a.bundle_ref = ref;
  a.targets = {ref};
  a.reason = w.account_reason;
  a.changes = w.account_changes;
  a.depends_on = bundle_deps(w);
  const std::string pic_key = p.index.picture_key(*w.want);
  const std::string pic = picture_to_send(p, w, pic_key, a);
  a.requests.push_back(
      {"PUT", body::account_path(ref), body::configure_account(w.want->account, pic), {}, {}, {}});
  a.account = AccountRecord{w.want->account.username, w.want->account.visible_name, w.want->account.biography,
                            pic_key};
  w.account_action = a.id;
  p.add(std::move(a));
}

std::string emit_batch(Planning& p, BundleWork& w, const std::string& add_action, bool active, bool auto_publish) {
  const std::string& ref = w.want->external_ref;
  std::sort(w.configure.begin(), w.configure.end(),
            [](const SlotWork& a, const SlotWork& b) { return a.want->position < b.want->position; });
  Action a;
  a.id = "configure_videos:" + ref;
  a.kind = ActionKind::configure_videos;
  a.bundle_ref = ref;
  a.depends_on = bundle_deps(w);
  add_dep(a.depends_on, add_action);
  if (auto_publish && !active) add_dep(a.depends_on, w.account_action);
  int fresh = 0;
  a.targets.reserve(w.configure.size());
  a.slots.reserve(w.configure.size());
  // Each slot's changes move into the action: nothing reads them after this.
  // Its record moves too, unless a publish-all follows that lists these slots
  // again (on an active bundle: when this batch does not auto_publish, see
  // emit_bundle_actions).
  const bool records_read_later = active && !auto_publish;
  // The uploads waited for, deduplicated through a set: add_dep's scan of the
  // growing list made a bundle of 500 slots from 500 media quadratic.
  std::unordered_set<std::string> deps(a.depends_on.begin(), a.depends_on.end());
  for (auto& sw : w.configure) {
    if (!sw.have || slot_state(sw.have->status) == SlotState::unconfigured) ++fresh;
    a.targets.push_back(sw.want->external_ref);
    for (auto& c : sw.changes) {
      if (c.field.rfind("slot ", 0) != 0) c.field = "slot " + std::to_string(sw.want->position) + " " + c.field;
      a.changes.push_back(std::move(c));
    }
    std::string upload = upload_action_of(p, sw.want->media, "video");
    if (!upload.empty() && deps.insert(upload).second) a.depends_on.push_back(std::move(upload));
    sw.record.status_after = auto_publish ? "published" : "configured";
    if (records_read_later) a.slots.push_back(sw.record);
    else a.slots.push_back(std::move(sw.record));
  }
  // Slots configured earlier but never published go out with this call's publish.
  if (auto_publish) note_stale_publish(p, w, w.publish_known);
  a.reason = batch_reason(w.configure.size(), fresh, auto_publish, active);
  if (auto_publish && !active) {
    a.publishes_bundle = true;
    a.changes.push_back({"status", some(w.have ? w.have->status : std::string("pending_setup")), some("published")});
  }
  // The body is built from a.slots when it is sent or saved (request_body).
  const SlotBatch batch{w.want->platform == manifest::Platform::instagram, auto_publish};
  a.requests.push_back({"PUT", body::batch_path(ref), Json(), {}, {}, batch});
  std::string id = a.id;
  p.add(std::move(a));
  return id;
}

void emit_patch(Planning& p, const BundleWork& w, SlotWork& sw) {
  const std::string& ref = w.want->external_ref;
  Action a;
  a.id = "patch_video:" + sw.want->external_ref;
  a.kind = ActionKind::patch_video;
  a.bundle_ref = ref;
  a.targets = {sw.want->external_ref};
  a.changes = sw.changes;
  a.depends_on = bundle_deps(w);
  Json b = body::patch_video(sw.changes);
  std::string what;
  for (const auto& c : sw.changes) what += (what.empty() ? "" : ", ") + c.field;
  a.reason = what + " changed in the file";
  a.requests.push_back({"PATCH", body::slot_path(ref, sw.want->position), b, {}, {}, {}});
  sw.record.status_after = sw.have->status;
  a.slots.push_back(sw.record);
  p.add(std::move(a));
}

}  // namespace ugc::plan
