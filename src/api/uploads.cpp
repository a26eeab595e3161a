#include "ugc/api/uploads.hpp"

#include <algorithm>
#include <filesystem>

#include "json_fields.hpp"
#include "ugc/core/log.hpp"
#include "write_call.hpp"

namespace ugc::api {
namespace {

using detail::int_field;
using detail::malformed_error;
using detail::str_field;

Result<UploadedMedia> parse_uploaded(const std::string& what, const Json& data) {
  if (!data.is_object()) return malformed_error(what, "\"data\" is not an object");
  UploadedMedia m;
  m.public_url = str_field(data, "public_url");
  m.storage_path = str_field(data, "storage_path");
  m.filename = str_field(data, "filename");
  m.content_type = str_field(data, "content_type");
  m.size_bytes = int_field(data, "size_bytes");
  m.raw = data;
  if (m.public_url.empty() && m.storage_path.empty())
    return malformed_error(what, "neither public_url nor storage_path in the answer");
  return m;
}

Status check_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return io_error("upload " + path + ": not a readable file");
  return {};
}

Result<UploadedMedia> upload_direct(Client& client, const std::string& path, std::vector<MultipartPart> parts,
                                    const WriteOptions& write) {
  Request r;
  r.method = "POST";
  r.path = path;
  r.parts = std::move(parts);
  r.timeout = std::chrono::minutes(30);  // large files on slow links
  auto resp = client.request(detail::with_write(std::move(r), write));
  if (!resp) return resp.error();
  return parse_uploaded("POST " + path, resp->data());
}

}  // namespace

std::string media_content_type(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".mp4" || ext == ".m4v") return "video/mp4";
  if (ext == ".mov") return "video/quicktime";
  if (ext == ".webm") return "video/webm";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".gif") return "image/gif";
  return "application/octet-stream";
}

Result<UploadedMedia> upload_video_direct(Client& client, const std::string& bundle_id, const std::string& file_path,
                                          const WriteOptions& write) {
  UGC_TRY(check_file(file_path));
  std::vector<MultipartPart> parts;
  parts.push_back({"file", "", file_path, "", media_content_type(file_path)});
  parts.push_back({"bundle_id", bundle_id, "", "", ""});
  return upload_direct(client, "/upload/video/direct", std::move(parts), write);
}

Result<UploadedMedia> upload_image_direct(Client& client, const std::string& bundle_id, const std::string& file_path,
                                          const std::string& purpose, const WriteOptions& write) {
  UGC_TRY(check_file(file_path));
  std::vector<MultipartPart> parts;
  parts.push_back({"file", "", file_path, "", media_content_type(file_path)});
  parts.push_back({"bundle_id", bundle_id, "", "", ""});
  if (!purpose.empty()) parts.push_back({"purpose", purpose, "", "", ""});
  return upload_direct(client, "/upload/image/direct", std::move(parts), write);
}

Result<UploadedMedia> upload_video_presigned(Client& client, const std::string& bundle_id,
                                             const std::string& file_path) {
  UGC_TRY(check_file(file_path));
  std::string type = media_content_type(file_path);
  Json body{{"filename", std::filesystem::path(file_path).filename().string()},
            {"content_type", type},
            {"bundle_id", bundle_id}};
  // Sensitive operation: no idempotency key (see idempotency.hpp).
  auto resp = client.request(Request::post("/upload/video", body, ""));
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
  auto put = client.put_presigned(upload_url, file_path, type);
  if (!put) return put.error();
  return media;
}

}  // namespace ugc::api
