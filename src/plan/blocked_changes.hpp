#pragma once
// What the API cannot change, recorded as Plan::blocked with the reason and a
// remedy, never silently dropped: the country or platform of an existing
// bundle, anything on a closed bundle, an account profile once published, the
// media of a slot handed to the manager, anything of a posted video.
// Private to module plan.
#include "bundle_work.hpp"
#include "lifecycle.hpp"
#include "planning.hpp"

namespace ugc::plan {

// Country and platform are fixed at creation. True when blocked (the bundle
// and its slots are then held back).
bool block_identity_change(Planning& p, const BundleWork& work);
// A completed/cancelled/archived bundle takes no new video. True when the file
// wants one there (blocked, held back); false when it needs nothing.
bool block_closed_bundle(Planning& p, const BundleWork& work);
// The account profile of a published bundle is fixed: blocks work.account_changes.
void block_account_change(Planning& p, BundleWork& work);
// Blocks the changes of a scheduled, posted or cancelled slot the API refuses,
// keeping their recorded values; a ref rename always passes. True when nothing
// is left to send.
bool block_slot_change(Planning& p, SlotWork& slot, SlotState state);

}  // namespace ugc::plan
