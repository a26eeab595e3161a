#include <algorithm>

#include "blocked_changes.hpp"
#include "decisions.hpp"
#include "ugc/manifest/countries.hpp"

namespace ugc::plan {

std::optional<BundleWork> decide_bundle(Planning& p, const expand::DesiredBundle& want) {
  BundleWork w;
  w.want = &want;
  w.country = manifest::tokportal_country_code(want.market);
  const auto& a = want.account;
  w.publishable_account =
      !a.username.empty() && !a.visible_name.empty() && !a.biography.empty() && !a.profile_picture_media.empty();
  const auto& known_bundles = p.index.view().bundles;
  if (auto it = known_bundles.find(want.external_ref); it != known_bundles.end()) {
    w.have = &it->second.bundle;
    w.state_ref = it->second.state_ref;
  }
  if (w.have && block_identity_change(p, w)) return std::nullopt;
  w.delivered = w.have && account_is_delivered(*w.have);
  w.earliest = earliest_allowed(p.inputs.today, w.delivered);
  if (w.have && bundle_closed(w.have->status) && block_closed_bundle(p, w)) return std::nullopt;
  decide_account(p, w);
  decide_slots(p, w);
  decide_publish(p, w);
  return w;
}

void decide_publish(Planning& p, BundleWork& w) {
  const bool setup = !w.have || bundle_in_setup(w.have->status);
  if (!setup) return;  // active bundles: new slots publish through the batch's auto_publish
  const bool account_ready = w.publishable_account && (w.configure_account || (w.have && w.have->account));
  if (!account_ready) {
    if (w.publishable_account || !w.want->account.username.empty())
      p.plan.notes.push_back({w.want->external_ref,
                              "bundle is not published: the account profile needs username, visible_name, "
                              "biography and profile_picture"});
    return;
  }
  const bool has_videos = !w.configure.empty() || !w.publish_known.empty() ||
                          std::any_of(w.patch.begin(), w.patch.end(), [](const SlotWork& s) {
                            return slot_state(s.have->status) == SlotState::configured;
                          });
  if (w.want->videos_quantity > 0 && !has_videos) {
    p.plan.notes.push_back({w.want->external_ref,
                            "bundle is not published yet: it has no video configured (TokPortal needs one)"});
    return;
  }
  w.publish = true;
}

}  // namespace ugc::plan
