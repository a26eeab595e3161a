#include <map>

#include "effect_recorders.hpp"
#include "ugc/api/batch_result.hpp"
#include "ugc/api/video_requests.hpp"

namespace ugc::apply {

namespace {

// The known slot of `record`, following a `moved:` rename the state has not
// seen yet.
Result<std::optional<state::KnownSlot>> slot_to_update(state::Store& store, const plan::SlotRecord& record) {
  auto have = store.find_slot(record.external_ref);
  if (!have.ok() || *have || record.previous_ref.empty()) return have;
  if (!store.move(record.previous_ref, record.external_ref).ok()) return have;
  return store.find_slot(record.external_ref);
}

// `sent_url` is the video_url the batch actually sent for that position
// (placeholders resolved); empty for a PATCH.
Status record_configured_slot(const EffectContext& ctx, const plan::SlotRecord& record, const api::SlotResult* answer,
                              const std::string& sent_url) {
  auto have = slot_to_update(ctx.store, record);
  if (!have.ok()) return have.error();
  state::KnownSlot s = slot_from(record, *have);
  if (!sent_url.empty()) s.video_url = sent_url;
  else if (auto url = ctx.bindings.substitute(s.video_url); url.ok()) s.video_url = *url;
  if (answer && !answer->video_id.empty()) s.video_id = answer->video_id;
  return ctx.store.upsert_slot(s);
}

// The batch configured the slots but its auto_publish did not publish them:
// what state holds as published goes back to configured.
Status unrecord_publication(const EffectContext& ctx) {
  for (const auto& r : ctx.action.slots) {
    auto have = ctx.store.find_slot(r.external_ref);
    if (!have.ok()) return have.error();
    if (!*have || (*have)->status != "published") continue;
    state::KnownSlot s = **have;
    s.status = "configured";
    UGC_TRY(ctx.store.upsert_slot(s));
  }
  return {};
}

// The batch's auto_publish reports on its own (docs/tokportal-api.md §6.4):
// when it did not publish, the slots are configured but not published, and
// the action fails.
Status settle_auto_publish(const EffectContext& ctx, const api::BatchConfigureResult& answer, bool refused_some) {
  const auto& report = answer.auto_publish;
  if (report && !refused_some)
    UGC_TRY(record_adjusted_dates(ctx.store, ctx.action.bundle_ref, report->publish.adjusted_videos));
  if (report && report->published == false) {
    UGC_TRY(unrecord_publication(ctx));
    if (!refused_some)
      return Error(ErrorKind::conflict,
                   ctx.action.id + ": videos configured, but auto_publish did not publish: " + report->error_code +
                       " " + report->error_message,
                   "BATCH_PARTIAL_FAILURE");
    return {};
  }
  if (ctx.action.publishes_bundle && !refused_some)
    return set_bundle_status(ctx.store, ctx.action.bundle_ref, "published");
  return {};
}

}  // namespace

state::KnownSlot slot_from(const plan::SlotRecord& r, const std::optional<state::KnownSlot>& have) {
  state::KnownSlot s = have.value_or(state::KnownSlot{});
  s.external_ref = r.external_ref;
  s.bundle_ref = r.bundle_ref;
  s.position = r.position;
  if (!r.campaign_video.empty()) s.campaign_video = r.campaign_video;
  if (!r.media_key.empty()) s.media_sha256 = r.media_key;
  if (!r.video_url.empty()) s.video_url = r.video_url;
  if (!r.caption.empty()) s.caption = r.caption;
  if (!r.publish_date.empty()) s.publish_date = r.publish_date;
  if (!r.status_after.empty()) s.status = r.status_after;
  return s;
}

// A refused position is not recorded and fails the action; the others are.
Status record_configured_slots(const EffectContext& ctx, const Json& sent_body, const Json& data) {
  const api::BatchConfigureResult answer = api::parse_batch_configure_result(data);
  std::map<int, std::string> sent_urls;
  for (const auto& v : api::batch_videos_of(sent_body)) sent_urls[v.position] = v.video_url;
  std::string first_refusal;
  for (const auto& r : ctx.action.slots) {
    auto slot = answer.slots.find(r.position);
    const api::SlotResult* result = slot == answer.slots.end() ? nullptr : &slot->second;
    if (result && result->failed) {
      if (first_refusal.empty())
        first_refusal = "position " + std::to_string(r.position) + ": " + result->error_code + " " + result->error_message;
      continue;
    }
    auto url = sent_urls.find(r.position);
    UGC_TRY(record_configured_slot(ctx, r, result, url == sent_urls.end() ? std::string() : url->second));
  }
  UGC_TRY(settle_auto_publish(ctx, answer, !first_refusal.empty()));
  if (!first_refusal.empty())
    return Error(ErrorKind::invalid_input, ctx.action.id + ": the batch refused " + first_refusal,
                 answer.slots.empty() ? "" : "BATCH_PARTIAL_FAILURE");
  return {};
}

}  // namespace ugc::apply
