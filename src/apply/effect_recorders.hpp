#pragma once
// The recorders behind record_effects (effects.hpp), one family per file:
// bundle_effects.cpp (created, renamed, grown bundles), slot_effects.cpp
// (configured and patched slots), publish_effects.cpp (published bundles and
// slots, unscheduled slots, dates the server moved), media_effects.cpp
// (uploads) and account_effects.cpp (account profiles). Answers are read only
// through api's typed parsers. Private to module apply.
#include <optional>
#include <string>

#include "ugc/api/bundles.hpp"
#include "ugc/api/publish_result.hpp"
#include "ugc/apply/bindings.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/store.hpp"

namespace ugc::apply {

// What every recorder works on: the store (inside the caller's transaction),
// the bindings it teaches, and the action whose answer it records.
struct EffectContext {
  state::Store& store;
  Bindings& bindings;
  const std::string& campaign;
  const plan::Action& action;
};

// An answer apply cannot use: fatal, MALFORMED_RESPONSE, named after the action.
Error malformed_answer(const plan::Action& action, const std::string& what);

// bundle_effects.cpp
Status record_bundle(const EffectContext& ctx, const plan::BundleRecord& record, const api::Bundle& bundle);
Status record_created_bundle(const EffectContext& ctx, const Json& data);
Status record_created_bundles(const EffectContext& ctx, const Json& data);
Status record_renamed_bundles(const EffectContext& ctx);
Status record_added_slots(const EffectContext& ctx);
Status set_bundle_status(state::Store& store, const std::string& bundle_ref, const std::string& status);

// slot_effects.cpp
state::KnownSlot slot_from(const plan::SlotRecord& record, const std::optional<state::KnownSlot>& have);
Status record_configured_slots(const EffectContext& ctx, const Json& sent_body, const Json& data);

// publish_effects.cpp
Status record_adjusted_dates(state::Store& store, const std::string& bundle_ref,
                             const std::vector<api::AdjustedVideo>& adjusted);
Status record_published_bundle(const EffectContext& ctx, const Json& data);
Status record_slot_status(const EffectContext& ctx, const Json& data);

// media_effects.cpp
Status record_uploaded_media(const EffectContext& ctx, const Json& data);

// account_effects.cpp
Status record_configured_account(const EffectContext& ctx);

}  // namespace ugc::apply
