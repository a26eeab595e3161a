#include "blocked_changes.hpp"
#include "decisions.hpp"

namespace ugc::plan {

void decide_account(Planning& p, BundleWork& w) {
  const auto& a = w.want->account;
  if (a.username.empty() && a.visible_name.empty() && a.biography.empty() && a.profile_picture_media.empty()) {
    if (!w.have || !w.have->account)
      p.plan.notes.push_back({w.want->external_ref,
                              "no account profile in the file (`accounts:`); the bundle cannot be published "
                              "until one is configured"});
    return;
  }
  const std::string pic = p.index.picture_key(*w.want);
  const state::KnownAccount* k = w.have && w.have->account ? &*w.have->account : nullptr;
  auto field = [&](const char* name, const std::string& before, const std::string& after) {
    if (!k) {
      w.account_changes.push_back({name, none, some(after)});
    } else if (before != after) {
      w.account_changes.push_back({name, some(before), some(after)});
    }
  };
  field("account.username", k ? k->username : "", a.username);
  field("account.visible_name", k ? k->visible_name : "", a.visible_name);
  field("account.biography", k ? k->biography : "", a.biography);
  field("account.profile_picture", k ? k->profile_picture_sha256 : "", pic);
  if (w.account_changes.empty()) return;
  if (w.have && !bundle_in_setup(w.have->status)) {
    block_account_change(p, w);
    return;
  }
  w.configure_account = true;
  w.account_reason = k ? "account profile changed in the file" : "account profile not configured yet";
}

}  // namespace ugc::plan
