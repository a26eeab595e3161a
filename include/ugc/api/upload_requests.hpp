#pragma once
// Typed requests of the media uploads ugc sends (docs/tokportal-api.md §7).
// The direct uploads are multipart (`file` + form fields) and `standard`
// operations (keyed); from-url is JSON. Use an upload's public_url for a
// video_url, its storage_path for profile_picture_url.
//
// `bundle_id` here is a form/body value, not a path segment: a real id or a
// placeholder the caller replaces before sending.
#include <map>
#include <optional>
#include <string>

#include "ugc/api/request.hpp"

namespace ugc::api {

enum class ImagePurpose { carousel, profile_picture };

// POST /upload/video/direct (multipart: file, bundle_id). `file_sha256`,
// when set, is what the bytes sent must hash to (MultipartPart::file_sha256).
struct VideoUploadRequest {
  std::string bundle_id;
  std::string file_path;
  std::string file_sha256{};
};

// POST /upload/image/direct (multipart: file, bundle_id, purpose).
struct ImageUploadRequest {
  std::string bundle_id;
  std::string file_path;
  ImagePurpose purpose = ImagePurpose::carousel;
  std::string file_sha256{};
};

// POST /upload/image/from-url (JSON: url, bundle_id, purpose).
struct ImageFromUrlRequest {
  std::string bundle_id;
  std::string url;  // public, direct JPEG/PNG/WebP/GIF
  ImagePurpose purpose = ImagePurpose::carousel;
};

Request to_request(const VideoUploadRequest& r);
Request to_request(const ImageUploadRequest& r);
Request to_request(const ImageFromUrlRequest& r);

// A direct upload rebuilt from its form fields and local file, as a plan
// keeps it: the file goes as the `file` part with its content type, checked
// against `file_sha256` as it is sent when that is set.
Request multipart_request(std::string method, std::string path, const std::map<std::string, std::string>& form,
                          const std::string& file_path, const std::string& file_sha256 = "");

// A direct video upload read back from a request about to be sent (a large
// file goes through the presigned flow instead); nullopt for anything else.
std::optional<VideoUploadRequest> as_video_upload(const Request& request);

// Content type from the file extension (mp4, mov, webm, png, jpg/jpeg, webp,
// gif); "application/octet-stream" otherwise.
std::string media_content_type(const std::string& path);

}  // namespace ugc::api
