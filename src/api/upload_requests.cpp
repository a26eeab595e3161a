#include "ugc/api/upload_requests.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>

#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

constexpr const char* kFilePart = "file";
constexpr const char* kBundleIdField = "bundle_id";

const char* purpose_name(ImagePurpose purpose) {
  return purpose == ImagePurpose::profile_picture ? "profile_picture" : "carousel";
}

MultipartPart file_part(const std::string& file_path, const std::string& file_sha256) {
  return MultipartPart{kFilePart, "", file_path, "", media_content_type(file_path), file_sha256};
}

MultipartPart value_part(const std::string& name, const std::string& value) {
  return MultipartPart{name, value, "", "", "", ""};
}

Request multipart_post(std::string path, std::vector<MultipartPart> parts) {
  Request r;
  r.method = "POST";
  r.path = std::move(path);
  r.parts = std::move(parts);
  r.timeout = std::chrono::minutes(30);  // large files on slow links
  return r;
}

}  // namespace

Request to_request(const VideoUploadRequest& r) {
  return multipart_post(paths::upload_video_direct(),
                        {value_part(kBundleIdField, r.bundle_id), file_part(r.file_path, r.file_sha256)});
}

Request to_request(const ImageUploadRequest& r) {
  return multipart_post(paths::upload_image_direct(), {value_part(kBundleIdField, r.bundle_id),
                                                       value_part("purpose", purpose_name(r.purpose)),
                                                       file_part(r.file_path, r.file_sha256)});
}

Request to_request(const ImageFromUrlRequest& r) {
  Json body{{"url", r.url}, {kBundleIdField, r.bundle_id}, {"purpose", purpose_name(r.purpose)}};
  return Request::post(paths::upload_image_from_url(), std::move(body), "");
}

Request multipart_request(std::string method, std::string path, const std::map<std::string, std::string>& form,
                          const std::string& file_path, const std::string& file_sha256) {
  std::vector<MultipartPart> parts;
  for (const auto& [name, value] : form) parts.push_back(value_part(name, value));
  parts.push_back(file_part(file_path, file_sha256));
  Request r = multipart_post(std::move(path), std::move(parts));
  r.method = std::move(method);
  return r;
}

std::optional<VideoUploadRequest> as_video_upload(const Request& request) {
  if (request.method != "POST" || request.path != paths::upload_video_direct()) return std::nullopt;
  VideoUploadRequest out;
  for (const auto& part : request.parts) {
    if (part.name == kFilePart) {
      out.file_path = part.file_path;
      out.file_sha256 = part.file_sha256;
    }
    if (part.name == kBundleIdField) out.bundle_id = part.value;
  }
  if (out.file_path.empty()) return std::nullopt;
  return out;
}

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

}  // namespace ugc::api
