#pragma once
// Building the plan's actions from the decided BundleWork, each with its
// reason, field changes, requests (request_bodies.hpp), records and credits.
// diff.cpp calls the emit_* functions in plan order: renames, creates,
// uploads, each bundle's own actions, then removals. Private to module plan.
#include <string>
#include <vector>

#include "bundle_work.hpp"
#include "planning.hpp"

namespace ugc::plan {

// `moved:` bundle renames: a PATCH of external_ref (bundle_actions.cpp).
void emit_renames(Planning& p, std::vector<BundleWork>& work);
// New bundles: bulk per country where it saves requests (bundle_creation.cpp).
void emit_creates(Planning& p, std::vector<BundleWork>& work);
// One upload per distinct media file (upload_actions.cpp).
void emit_uploads(Planning& p, std::vector<BundleWork>& work);
// A bundle's account, slots, videos and publish, in order (bundle_actions.cpp).
void emit_bundle_actions(Planning& p, BundleWork& work);
// Known slots and bundles the file no longer has (removals.cpp).
void emit_removals(Planning& p);

// configure_actions.cpp
void emit_account(Planning& p, BundleWork& work);
// Returns the action id.
std::string emit_batch(Planning& p, BundleWork& work, const std::string& add_action, bool active, bool auto_publish);
void emit_patch(Planning& p, const BundleWork& work, SlotWork& slot);

// publish_actions.cpp
void emit_publish_bundle(Planning& p, const BundleWork& work);
void emit_publish_videos(Planning& p, const BundleWork& work, const std::string& batch_action);
// The record of a known slot as published.
SlotRecord published_record(const state::KnownSlot& slot);

// What a bundle action records for `work`.
BundleRecord bundle_record(const BundleWork& work, int videos_quantity);

}  // namespace ugc::plan
