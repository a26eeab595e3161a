#pragma once
// Import: adopts bundles that already exist at TokPortal for a campaign's
// external_refs (made by hand, by an older tool, or by a run whose state file
// was lost) into the state, so the next plan does not buy them again.
//
// One GET /bundles listing (every page) finds them. A bundle without an
// external_ref (bought in bulk, §5.2) is named by its account's username or
// its slots' refs (bundle_identity.hpp). For each adopted bundle,
// GET /bundles/{id}/account when its account is configured and
// GET /bundles/{id}/videos when it has slots. A ref is adopted only when
// exactly one bundle answers to it: the one that is not closed (cancelled,
// completed, archived) when the others are, else the only one. Two or more
// candidates are reported as ambiguous and nothing is adopted for that ref.
// Refs the state already knows are left alone.
//
// What the API cannot say is taken from the file, and the report says so: the
// media behind a slot's video_url and the picture behind the profile's
// storage path (the API holds URLs, not content hashes).
//
// Not thread-safe; the caller holds the state lock.
#include <cstdint>
#include <string>
#include <vector>

#include "ugc/api/client.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/state/store.hpp"

namespace ugc::events {

struct ImportSlot {
  std::string external_ref;
  std::string campaign_video;
  std::string media_key;  // the file's media key (sha256, or URL)
};

struct ImportBundle {
  std::string external_ref;
  std::string market;    // canonical alpha-2
  std::string platform;  // "tiktok" | "instagram"
  int index = 0;
  std::string picture_key;  // the file's profile picture media key; "" when none
  std::vector<ImportSlot> slots;
  std::string username;  // the file's account username; names a bundle bought in bulk
};

struct ImportRequest {
  std::string campaign;
  std::vector<ImportBundle> bundles;  // the file's bundles
};

struct AdoptedBundle {
  std::string external_ref;
  std::string id;
  std::string status;
  bool account = false;  // a configured profile was recorded
  int slots = 0;         // slots recorded
};

struct AmbiguousRef {
  std::string external_ref;
  std::vector<std::string> bundle_ids;
};

struct ImportReport {
  std::vector<AdoptedBundle> adopted;
  std::vector<std::string> already_known;  // refs the state had
  std::vector<std::string> not_found;      // refs no bundle answers to (the plan buys them)
  std::vector<AmbiguousRef> ambiguous;
  std::vector<std::string> notes;
  std::uint64_t requests = 0;
};

Result<ImportReport> import_bundles(state::Store& store, api::Client& client, const ImportRequest& request);

Json to_json(const ImportReport& report);

}  // namespace ugc::events
