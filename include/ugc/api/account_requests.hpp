#pragma once
// Typed request of the bundle account profile (docs/tokportal-api.md §5.10):
// PUT /bundles/{id}/account. PUT replaces the profile, so a request always
// holds the complete one. `bundle_id` is a path segment (see paths.hpp).
#include <string>

#include "ugc/api/request.hpp"

namespace ugc::api {

struct ConfigureAccountRequest {
  std::string bundle_id;
  std::string username;      // 1-24 of [A-Za-z0-9_.]
  std::string visible_name;  // 1-30 chars
  std::string biography;     // <= 80 chars
  // The storage_path of an image uploaded with purpose profile_picture (not
  // its public_url); not sent when empty.
  std::string profile_picture_url;
};

Request to_request(const ConfigureAccountRequest& r);

}  // namespace ugc::api
