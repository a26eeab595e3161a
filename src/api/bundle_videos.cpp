#include "ugc/api/bundle_videos.hpp"

#include <algorithm>

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {

Result<BundleVideo> parse_bundle_video(const Json& json) {
  if (!json.is_object()) return detail::malformed_error("video slot", "not a JSON object");
  BundleVideo v;
  const auto position = detail::opt_int_field(json, "position");
  if (!position || *position < 1 || *position > 100000)
    return detail::malformed_error("video slot", "has no valid \"position\"");
  v.position = static_cast<int>(*position);
  v.id = detail::str_field(json, "id");
  v.status = detail::str_field(json, "status");
  v.external_ref = detail::str_field(json, "external_ref");
  v.description = detail::str_field(json, "description");
  v.publish_date = detail::str_field(json, "target_publish_date");
  if (v.publish_date.empty()) v.publish_date = detail::str_field(json, "target_publish_start_date");
  v.video_url = detail::str_field(json, "video_url");
  v.raw = json;
  return v;
}

Result<std::vector<BundleVideo>> list_bundle_videos(Client& client, const std::string& bundle_id) {
  const std::string path = paths::bundle_videos(path_segment(bundle_id));
  auto resp = client.request(Request::get(path));
  if (!resp) return resp.error();
  const Json& data = resp->data();
  if (!data.is_array()) return detail::malformed_error("GET " + path, "\"data\" is not a list");
  std::vector<BundleVideo> out;
  for (const auto& item : data) {
    auto v = parse_bundle_video(item);
    if (!v) return v.error().with_context("GET " + path);
    out.push_back(std::move(*v));
  }
  std::sort(out.begin(), out.end(),
            [](const BundleVideo& a, const BundleVideo& b) { return a.position < b.position; });
  return out;
}

}  // namespace ugc::api
