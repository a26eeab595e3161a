#include "ugc/apply/effects.hpp"

#include "effect_recorders.hpp"

namespace ugc::apply {

Status record_effects(state::Store& store, Bindings& bindings, const std::string& campaign, const plan::Action& action,
                      const Json& sent_body, const api::Response& response) {
  const EffectContext ctx{store, bindings, campaign, action};
  const Json& data = response.data();
  switch (action.kind) {
    case plan::ActionKind::upload_media: return record_uploaded_media(ctx, data);
    case plan::ActionKind::create_bundle: return record_created_bundle(ctx, data);
    case plan::ActionKind::create_bundles_bulk: return record_created_bundles(ctx, data);
    case plan::ActionKind::rename_bundle: return record_renamed_bundles(ctx);
    case plan::ActionKind::configure_account: return record_configured_account(ctx);
    case plan::ActionKind::add_video_slots: return record_added_slots(ctx);
    case plan::ActionKind::configure_videos:
    case plan::ActionKind::patch_video: return record_configured_slots(ctx, sent_body, data);
    case plan::ActionKind::publish_bundle: return record_published_bundle(ctx, data);
    case plan::ActionKind::publish_videos:
    case plan::ActionKind::unschedule_video: return record_slot_status(ctx, data);
  }
  return fatal_error("unknown action kind");
}

Status record_found_bundle(state::Store& store, Bindings& bindings, const std::string& campaign,
                           const plan::Action& action, const api::Bundle& bundle) {
  const EffectContext ctx{store, bindings, campaign, action};
  for (const auto& r : action.bundles)
    if (r.external_ref == bundle.external_ref) return record_bundle(ctx, r, bundle);
  return not_found(action.id + ": found bundle is not one this action creates");
}

}  // namespace ugc::apply
