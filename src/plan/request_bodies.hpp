#pragma once
// The plan's requests, built from api's typed requests (ugc/api/*_requests.hpp):
// the plan turns its desired resources into request structs and takes their
// path and JSON body from api, so the contract's field names and paths live
// in api alone. What stays here is the plan's own concept: placeholders for
// ids and URLs known only at apply time ("{bundle:REF}", "{media:KEY}",
// "{media_storage:KEY}", see plan.hpp). Private to module plan.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan::body {

std::string bundle_id(const std::string& bundle_ref);      // "{bundle:REF}"
std::string media_url(const std::string& media_key);       // "{media:KEY}"
std::string media_storage(const std::string& media_key);   // "{media_storage:KEY}"

// Paths of the operations, with the bundle's id as a placeholder.
std::string bundles_path();                                 // POST create
std::string bundles_bulk_path();                            // POST bulk create
// "/bundles/{bundle:REF}" and "/bundles/{bundle:REF}/videos/N"
std::string bundle_path(const std::string& bundle_ref);
std::string slot_path(const std::string& bundle_ref, int position);
std::string account_path(const std::string& bundle_ref);
std::string add_video_slots_path(const std::string& bundle_ref);
std::string batch_path(const std::string& bundle_ref);
std::string publish_path(const std::string& bundle_ref);
std::string publish_all_path(const std::string& bundle_ref);
std::string unschedule_path(const std::string& bundle_ref, int position);

Json create_bundle(const expand::DesiredBundle& bundle, const std::string& country, int videos_quantity);
Json create_bundles_bulk(const std::vector<std::string>& platforms, const std::string& country,
                         int accounts_count, int videos_per_account, const std::string& niche_warming);
// A `moved:` bundle: its new external_ref, and the title that mirrors it.
Json rename_bundle(const std::string& external_ref);
Json add_video_slots(int quantity);
// PUT replaces the profile: always the complete one. Empty picture = none to send.
Json configure_account(const expand::DesiredAccount& account, const std::string& picture_storage);
Json batch_item(const SlotRecord& slot, manifest::Platform platform);
Json batch(std::vector<Json> items, bool auto_publish);
// The fields a PATCH of a slot sends for these changes (caption, publish_date, external_ref).
Json patch_video(const std::vector<FieldChange>& changes);
// One upload of `media` (purpose "video" or "profile_picture"), lending the id
// of bundle `lender_ref`: a direct multipart upload of a file, or from-url.
Request upload(const std::string& purpose, const expand::DesiredMedia& media, const std::string& lender_ref);

// Credits the API debits when creating a bundle of that shape (section 4).
int bundle_credits(const CreditCosts& costs, int videos_quantity, bool niche_warming);

}  // namespace ugc::plan::body
