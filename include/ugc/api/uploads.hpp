#pragma once
// Media uploads (tokportal-api.md §7).
//
// Prefer the direct multipart endpoints: they are `standard` operations, so
// they carry an Idempotency-Key and are retried safely. The presigned flow
// (POST /upload/video, then PUT the bytes to `upload_url`) is a sensitive
// operation: no key, no automatic retry once the server may have acted, and
// `upload_url` is a secret (registered with ugc::log::add_secret, never
// logged). After an uncertain failure, request a fresh upload_url.
#include <cstdint>
#include <string>

#include "ugc/api/client.hpp"

namespace ugc::api {

struct UploadedMedia {
  std::string public_url;    // use for video_url
  std::string storage_path;  // use for carousel_images and profile_picture_url (images)
  std::string filename;
  std::string content_type;
  std::int64_t size_bytes = 0;
  Json raw;
};

// Content type from the file extension (mp4, mov, webm, png, jpg/jpeg, webp,
// gif); "application/octet-stream" otherwise.
std::string media_content_type(const std::string& path);

// POST /upload/video/direct (multipart: file, bundle_id).
Result<UploadedMedia> upload_video_direct(Client& client, const std::string& bundle_id, const std::string& file_path,
                                          const WriteOptions& write);
// POST /upload/image/direct (multipart: file, bundle_id, purpose = carousel | profile_picture).
Result<UploadedMedia> upload_image_direct(Client& client, const std::string& bundle_id, const std::string& file_path,
                                          const std::string& purpose, const WriteOptions& write);
// POST /upload/video (presigned; no idempotency key) + PUT of the file.
Result<UploadedMedia> upload_video_presigned(Client& client, const std::string& bundle_id,
                                             const std::string& file_path);

}  // namespace ugc::api
