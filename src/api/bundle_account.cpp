#include "ugc/api/bundle_account.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {

Result<BundleAccount> parse_bundle_account(const Json& data) {
  if (!data.is_object()) return detail::malformed_error("bundle account", "\"data\" is not an object");
  const Json* profile = &data;
  if (auto it = data.find("account"); it != data.end() && it->is_object()) profile = &*it;
  BundleAccount a;
  a.status = detail::str_field(data, "status");
  a.username = detail::str_field(*profile, "username");
  a.visible_name = detail::str_field(*profile, "visible_name");
  a.biography = detail::str_field(*profile, "biography");
  a.profile_picture_url = detail::str_field(*profile, "profile_picture_url");
  a.saved_account_id = detail::str_field(data, "saved_account_id");
  a.raw = data;
  return a;
}

Result<BundleAccount> get_bundle_account(Client& client, const std::string& bundle_id) {
  const std::string path = paths::bundle_account(path_segment(bundle_id));
  auto resp = client.request(Request::get(path));
  if (!resp) return resp.error();
  auto a = parse_bundle_account(resp->data());
  if (!a) return a.error().with_context("GET " + path);
  return a;
}

}  // namespace ugc::api
