#include "effect_recorders.hpp"

namespace ugc::apply {

// Dates the server moved forward when publishing (docs/tokportal-api.md
// §5.7, §6.6): recorded so that the next plan does not move them back.
Status record_adjusted_dates(state::Store& store, const std::string& bundle_ref,
                             const std::vector<api::AdjustedVideo>& adjusted) {
  if (adjusted.empty()) return {};
  auto known = store.load();
  if (!known.ok()) return known.error();
  for (const auto& adj : adjusted)
    for (const auto& s : known->slots) {
      if (s.bundle_ref != bundle_ref || s.position != adj.position) continue;
      state::KnownSlot moved = s;
      moved.publish_date = adj.new_date;
      UGC_TRY(store.upsert_slot(moved));
    }
  return {};
}

Status record_published_bundle(const EffectContext& ctx, const Json& data) {
  const api::PublishResult answer = api::parse_publish_result(data);
  UGC_TRY(set_bundle_status(ctx.store, ctx.action.bundle_ref, answer.status.empty() ? "published" : answer.status));
  for (const auto& r : ctx.action.slots) {
    auto have = ctx.store.find_slot(r.external_ref);
    if (!have.ok()) return have.error();
    if (*have) UGC_TRY(ctx.store.upsert_slot(slot_from(r, *have)));
  }
  return record_adjusted_dates(ctx.store, ctx.action.bundle_ref, answer.adjusted_videos);
}

// publish_videos and unschedule_video: the slots' new status.
Status record_slot_status(const EffectContext& ctx, const Json& data) {
  const bool publishing = ctx.action.kind == plan::ActionKind::publish_videos;
  for (const auto& r : ctx.action.slots) {
    auto have = ctx.store.find_slot(r.external_ref);
    if (!have.ok()) return have.error();
    if (!*have) continue;
    state::KnownSlot s = **have;
    s.status = r.status_after.empty() ? (publishing ? "published" : "unscheduled") : r.status_after;
    UGC_TRY(ctx.store.upsert_slot(s));
  }
  if (!publishing) return {};
  return record_adjusted_dates(ctx.store, ctx.action.bundle_ref, api::parse_publish_result(data).adjusted_videos);
}

}  // namespace ugc::apply
