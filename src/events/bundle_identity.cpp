#include "ugc/events/bundle_identity.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "ugc/api/bundle_account.hpp"
#include "ugc/api/bundle_videos.hpp"

namespace ugc::events {
namespace {

std::string username_key(const std::string& platform, std::string username) {
  std::transform(username.begin(), username.end(), username.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return platform + "/" + username;
}

// The one bundle ref every configured slot of `bundle_id` belongs to; "" when
// none is configured or they disagree.
Result<std::string> ref_from_slots(api::Client& client, const std::string& bundle_id,
                                   const BundleIdentities& identities) {
  auto videos = api::list_bundle_videos(client, bundle_id);
  if (!videos.ok()) return videos.error();
  std::set<std::string> refs;
  for (const auto& v : *videos) {
    if (v.external_ref.empty()) continue;
    auto it = identities.by_slot_ref.find(v.external_ref);
    refs.insert(it == identities.by_slot_ref.end() ? std::string() : it->second);
  }
  return refs.size() == 1 ? *refs.begin() : std::string();
}

}  // namespace

BundleIdentities identities_of(const ImportRequest& request) {
  BundleIdentities out;
  for (const auto& b : request.bundles) {
    if (!b.username.empty()) out.by_username[username_key(b.platform, b.username)] = b.external_ref;
    for (const auto& s : b.slots) out.by_slot_ref[s.external_ref] = b.external_ref;
    out.platforms.insert(b.platform);
  }
  return out;
}

Result<std::string> identify_unnamed_bundle(api::Client& client, const api::Bundle& bundle,
                                            const BundleIdentities& identities) {
  if (!identities.platforms.count(bundle.platform)) return std::string();
  std::string username = bundle.account_username;
  if (username.empty() && bundle.account_configured) {
    auto account = api::get_bundle_account(client, bundle.id);
    if (!account.ok()) return account.error().with_context("reading the account of bundle " + bundle.id);
    username = account->username;
  }
  if (!username.empty()) {
    auto it = identities.by_username.find(username_key(bundle.platform, username));
    return it == identities.by_username.end() ? std::string() : it->second;
  }
  if (bundle.videos_configured_count <= 0) return std::string();
  auto ref = ref_from_slots(client, bundle.id, identities);
  if (!ref.ok()) return ref.error().with_context("reading the slots of bundle " + bundle.id);
  return ref;
}

}  // namespace ugc::events
