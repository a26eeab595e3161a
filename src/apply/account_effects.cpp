#include "effect_recorders.hpp"

namespace ugc::apply {

// The profile as the plan sent it (PUT replaces it whole).
Status record_configured_account(const EffectContext& ctx) {
  if (!ctx.action.account) return malformed_answer(ctx.action, "account action without an account record");
  state::KnownAccount a;
  a.username = ctx.action.account->username;
  a.visible_name = ctx.action.account->visible_name;
  a.biography = ctx.action.account->biography;
  a.profile_picture_sha256 = ctx.action.account->profile_picture_key;
  a.status = "configured";
  return ctx.store.set_account(ctx.action.bundle_ref, a);
}

}  // namespace ugc::apply
