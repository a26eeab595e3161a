#pragma once
// Effects: what one successful API answer means for the state store, per
// action kind. The executor calls record_effects right after each success, and
// reconciliation calls it for answers recovered after a crash, so both write
// state the same way. Answers are read through api's typed parsers
// (bundles.hpp, batch_result.hpp, publish_result.hpp, uploads.hpp); an answer
// the action cannot use fails it with MALFORMED_RESPONSE. It writes through
// the Store (the caller wraps it in a Transaction together with closing the
// journal row) and teaches `bindings` the new ids and URLs so that later
// actions can use them.
//
//   upload_media         KnownMedia (public_url, storage_path) by content hash
//   create_bundle        KnownBundle with the TokPortal id
//   create_bundles_bulk  one KnownBundle per record: created bundles of each
//                        platform, in answer order, onto that platform's records
//   rename_bundle        moves the state ref
//   configure_account    KnownAccount (status "configured")
//   add_video_slots      the bundle's videos_quantity
//   configure_videos     KnownSlot per configured position (video id when the
//                        answer has it); a position the answer reports as
//                        failed is not recorded and fails the action
//   patch_video          KnownSlot with the new caption/date/ref
//   publish_bundle       bundle status published (+ dates the server moved)
//   publish_videos       the slots' status published
//   unschedule_video     the slot's status unscheduled
#include <string>

#include "ugc/api/bundles.hpp"
#include "ugc/api/response.hpp"
#include "ugc/apply/bindings.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/store.hpp"

namespace ugc::apply {

// `sent_body` is the JSON body as sent (placeholders substituted), or null.
Status record_effects(state::Store& store, Bindings& bindings, const std::string& campaign,
                      const plan::Action& action, const Json& sent_body, const api::Response& response);

// Records a bundle found by GET /bundles?external_ref= (reconciliation of a
// create whose answer was lost) as if create_bundle had answered with it.
Status record_found_bundle(state::Store& store, Bindings& bindings, const std::string& campaign,
                           const plan::Action& action, const api::Bundle& bundle);

}  // namespace ugc::apply
