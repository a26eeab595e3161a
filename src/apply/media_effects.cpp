#include "effect_recorders.hpp"
#include "ugc/api/uploads.hpp"

namespace ugc::apply {

Status record_uploaded_media(const EffectContext& ctx, const Json& data) {
  if (!ctx.action.media) return malformed_answer(ctx.action, "upload action without a media record");
  auto uploaded = api::parse_uploaded_media(data);
  if (!uploaded) return malformed_answer(ctx.action, uploaded.error().message());
  state::KnownMedia m;
  m.sha256 = ctx.action.media->key;
  m.purpose = ctx.action.media->purpose;
  m.public_url = uploaded->public_url;
  m.storage_path = uploaded->storage_path;
  UGC_TRY(ctx.store.upsert_media(m));
  ctx.bindings.set_media(m.sha256, m.public_url, m.storage_path);
  return {};
}

}  // namespace ugc::apply
