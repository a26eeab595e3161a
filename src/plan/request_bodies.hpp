#pragma once
// Request paths and JSON bodies exactly as the TokPortal contract shapes them
// (tokportal-api.md 5.1, 5.2, 5.9, 5.10, 6.3, 6.4, 7), with the plan's
// placeholders for ids and URLs known only at apply time. Private to module plan.
#include <string>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan::body {

std::string bundle_id(const std::string& bundle_ref);      // "{bundle:REF}"
std::string media_url(const std::string& media_key);       // "{media:KEY}"
std::string media_storage(const std::string& media_key);   // "{media_storage:KEY}"
// "/bundles/{bundle:REF}" + suffix
std::string bundle_path(const std::string& bundle_ref, const std::string& suffix = "");
std::string slot_path(const std::string& bundle_ref, int position, const std::string& suffix = "");

Json create_bundle(const expand::DesiredBundle& bundle, const std::string& country, int videos_quantity);
Json create_bundles_bulk(const std::vector<std::string>& platforms, const std::string& country,
                         int accounts_count, int videos_per_account, const std::string& niche_warming);
// PUT replaces the profile: always the complete one. Empty picture = none to send.
Json configure_account(const expand::DesiredAccount& account, const std::string& picture_storage);
Json batch_item(const SlotRecord& slot, manifest::Platform platform);
Json batch(std::vector<Json> items, bool auto_publish);

// Credits the API debits when creating a bundle of that shape (section 4).
int bundle_credits(const CreditCosts& costs, int videos_quantity, bool niche_warming);

}  // namespace ugc::plan::body
