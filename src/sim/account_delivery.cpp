#include "ugc/sim/account_delivery.hpp"

#include "ugc/sim/lifecycle_events.hpp"
#include "ugc/sim/lifecycle_rules.hpp"

namespace ugc::sim {
namespace {

// Delivered accounts report 2-letter countries ("US") while bundles use
// TokPortal codes ("USA"); §2 and §10.1 examples.
std::string delivered_country(const std::string& code) {
  if (code == "USA") return "US";
  if (code == "UK") return "GB";
  return code;
}

std::string delivered_profile_url(const std::string& platform, const std::string& username) {
  if (platform == "instagram") return "https://www.instagram.com/" + username + "/";
  return "https://www.tiktok.com/@" + username;
}

}  // namespace

SavedAccount& create_saved_account(World& world, Tenant& tenant, Bundle& b, TimePoint at) {
  const BundleAccount& a = b.account;
  SavedAccount s;
  s.id = world.new_uuid();
  s.platform = b.platform;
  s.username = a.username.value_or("user" + s.id.substr(0, 8));
  s.visible_name = a.visible_name.value_or(s.username);
  s.biography = a.biography.value_or("");
  s.profile_picture_url = a.profile_picture_url.value_or("");
  s.link_in_bio = a.link_in_bio;
  s.country = delivered_country(b.country);
  s.profile_url = delivered_profile_url(s.platform, s.username);
  s.tokmail_email = s.username + "@tokmail.sim";
  s.created_at = s.updated_at = iso8601(at);
  s.bundle_id = b.id;
  set_ext_time(s.ext, lifecycle_keys::delivered_at, at);
  const std::string id = s.id;
  b.saved_account_id = id;
  return tenant.saved_accounts[id] = std::move(s);
}

void submit_account_for_review(World& world, Tenant& tenant, Bundle& b, TimePoint at) {
  namespace k = lifecycle_keys;
  BundleAccount& a = b.account;
  if (!b.saved_account_id) create_saved_account(world, tenant, b, at);
  a.status = "in_review";
  set_ext_time(a.ext, k::in_review_at, at);
  if (!ext_time(a.ext, k::delivered_at)) set_ext_time(a.ext, k::delivered_at, at);
  a.ext.erase(k::corrections_at);
  emit_at(world, tenant, "account.in_review", account_event_data(b), at);
}

void finalize_account(World& world, Tenant& tenant, Bundle& b, TimePoint at) {
  b.account.status = "finalized";
  set_ext_time(b.account.ext, lifecycle_keys::finalized_at, at);
  emit_at(world, tenant, "account.finalized", account_event_data(b), at);
}

}  // namespace ugc::sim
