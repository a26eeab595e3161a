#include "ugc/api/account_requests.hpp"

#include "ugc/api/paths.hpp"

namespace ugc::api {

Request to_request(const ConfigureAccountRequest& r) {
  Json body;
  body["username"] = r.username;
  body["visible_name"] = r.visible_name;
  body["biography"] = r.biography;
  if (!r.profile_picture_url.empty()) body["profile_picture_url"] = r.profile_picture_url;
  return Request::put(paths::bundle_account(r.bundle_id), std::move(body), "");
}

}  // namespace ugc::api
