#include "ugc/api/videos.hpp"

#include "json_fields.hpp"
#include "write_call.hpp"

namespace ugc::api {
namespace {

using detail::int_field;
using detail::malformed_error;
using detail::with_write;
using detail::write_result;
using detail::str_field;

std::string videos_path(const std::string& bundle_id) { return "/bundles/" + path_segment(bundle_id) + "/videos"; }

}  // namespace

Result<VideoSlot> parse_video_slot(const Json& json) {
  if (!json.is_object()) return malformed_error("video slot", "not a JSON object");
  VideoSlot v;
  v.position = static_cast<int>(int_field(json, "position"));
  if (v.position < 1) return malformed_error("video slot", "has no positive \"position\"");
  v.id = str_field(json, "id");
  v.status = str_field(json, "status");
  v.video_type = str_field(json, "video_type");
  v.description = str_field(json, "description");
  v.name = str_field(json, "name");
  v.external_ref = str_field(json, "external_ref");
  v.target_publish_start_date = str_field(json, "target_publish_start_date");
  if (v.target_publish_start_date.empty()) v.target_publish_start_date = str_field(json, "target_publish_date");
  v.target_publish_end_date = str_field(json, "target_publish_end_date");
  v.video_url = str_field(json, "video_url");
  v.raw = json;
  return v;
}

Result<std::vector<VideoSlot>> list_bundle_videos(Client& client, const std::string& bundle_id) {
  auto items = client.request_all_pages(Request::get(videos_path(bundle_id)));
  if (!items) return items.error();
  std::vector<VideoSlot> out;
  for (const auto& item : *items) {
    auto v = parse_video_slot(item);
    if (!v) return v.error().with_context("GET /bundles/" + bundle_id + "/videos");
    out.push_back(std::move(*v));
  }
  return out;
}

Result<WriteResult> batch_configure_videos(Client& client, const std::string& bundle_id, const Json& body,
                                           const WriteOptions& write) {
  return write_result(
      client.request(with_write(Request::put(videos_path(bundle_id) + "/batch", body, write.idempotency_key), write)));
}

Result<VideoSlot> patch_video(Client& client, const std::string& bundle_id, int position, const Json& body,
                              const WriteOptions& write) {
  std::string path = videos_path(bundle_id) + "/" + std::to_string(position);
  auto resp = client.request(with_write(Request::patch(path, body, write.idempotency_key), write));
  if (!resp) return resp.error();
  auto v = parse_video_slot(resp->data());
  if (!v) return v.error().with_context("PATCH " + path);
  return v;
}

Result<WriteResult> publish_all_videos(Client& client, const std::string& bundle_id, const WriteOptions& write) {
  return write_result(client.request(
      with_write(Request::post(videos_path(bundle_id) + "/publish-all", std::nullopt, write.idempotency_key), write)));
}

Result<WriteResult> unschedule_video(Client& client, const std::string& bundle_id, int position,
                                     const WriteOptions& write) {
  std::string path = videos_path(bundle_id) + "/" + std::to_string(position) + "/unschedule";
  return write_result(client.request(with_write(Request::post(path, std::nullopt, write.idempotency_key), write)));
}

}  // namespace ugc::api
