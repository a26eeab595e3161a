#include "ugc/api/uploads.hpp"

#include <filesystem>

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"
#include "ugc/core/log.hpp"

namespace ugc::api {
namespace {

using detail::int_field;
using detail::malformed_error;
using detail::str_field;

Status check_upload_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return io_error("upload " + path + ": not a readable file");
  return {};
}

}  // namespace

Result<UploadedMedia> parse_uploaded_media(const Json& data) {
  const std::string what = "upload answer";
  if (!data.is_object()) return malformed_error(what, "\"data\" is not an object");
  UploadedMedia m;
  m.public_url = str_field(data, "public_url");
  m.storage_path = str_field(data, "storage_path");
  m.filename = str_field(data, "filename");
  m.content_type = str_field(data, "content_type");
  m.size_bytes = int_field(data, "size_bytes");
  m.raw = data;
  m.raw.erase("upload_url");
  if (m.public_url.empty() && m.storage_path.empty())
    return malformed_error(what, "neither public_url nor storage_path in the answer");
  return m;
}

Response to_response(const UploadedMedia& media) {
  Json data = media.raw.is_object() ? media.raw : Json::object();
  if (!media.public_url.empty()) data["public_url"] = media.public_url;
  if (!media.storage_path.empty()) data["storage_path"] = media.storage_path;
  Response r;
  r.status = 200;
  r.body = Json{{"data", std::move(data)}};
  return r;
}

Result<UploadedMedia> upload_video_presigned(Client& client, const std::string& bundle_id,
                                             const std::string& file_path, const std::string& file_sha256) {
  UGC_TRY(check_upload_file(file_path));
  std::string type = media_content_type(file_path);
  Json body{{"filename", std::filesystem::path(file_path).filename().string()},
            {"content_type", type},
            {"bundle_id", bundle_id}};
  // Sensitive operation: no idempotency key (see idempotency.hpp).
  auto resp = client.request(Request::post(paths::upload_video(), body, ""));
  if (!resp) return resp.error();
  const Json& data = resp->data();
  std::string upload_url = str_field(data, "upload_url");
  if (upload_url.empty()) return malformed_error("POST /upload/video", "no upload_url in the answer");
  log::add_secret(upload_url);
  UploadedMedia media;
  media.public_url = str_field(data, "public_url");
  media.storage_path = str_field(data, "storage_path");
  media.filename = std::filesystem::path(file_path).filename().string();
  media.content_type = type;
  std::error_code ec;
  media.size_bytes = static_cast<std::int64_t>(std::filesystem::file_size(file_path, ec));
  media.raw = data;
  media.raw.erase("upload_url");  // a capability: keep it out of anything a caller might print
  auto put = client.put_presigned(upload_url, file_path, type, file_sha256);
  if (!put) return put.error();
  return media;
}

}  // namespace ugc::api
