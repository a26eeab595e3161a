#pragma once
// Naming a bundle that carries no external_ref. Bulk creation cannot set one
// per bundle (docs/tokportal-api.md §5.2), so after a lost state `ugc import`
// recognises such a bundle by what the campaign file says it holds: its
// account's username (unique per platform), else the external_refs of its
// configured slots, which all name one bundle of the file. A bundle neither
// tells about (no account configured, no slot configured) stays unnamed.
#include <map>
#include <set>
#include <string>

#include "ugc/api/bundles.hpp"
#include "ugc/api/client.hpp"
#include "ugc/core/result.hpp"
#include "ugc/events/bundle_import.hpp"

namespace ugc::events {

struct BundleIdentities {
  std::map<std::string, std::string> by_username;  // "<platform>/<username, lower case>" -> bundle ref
  std::map<std::string, std::string> by_slot_ref;  // slot external_ref -> bundle ref
  std::set<std::string> platforms;                  // the platforms the file buys on
};

BundleIdentities identities_of(const ImportRequest& request);

// The file's ref for `bundle`, or "" when it cannot tell. Asks the API only
// for bundles on the file's platforms (TokPortal spells countries several
// ways, so they are not compared): GET /bundles/{id}/account when the listing
// does not embed the username, else GET /bundles/{id}/videos.
Result<std::string> identify_unnamed_bundle(api::Client& client, const api::Bundle& bundle,
                                            const BundleIdentities& identities);

}  // namespace ugc::events
