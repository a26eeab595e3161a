#pragma once
// Media upload answers and the presigned upload flow (docs/tokportal-api.md §7).
// The requests of the direct uploads are in upload_requests.hpp.
//
// The presigned flow (POST /upload/video, then PUT the bytes to `upload_url`)
// is a sensitive operation: no idempotency key, no automatic retry once the
// server may have acted, and `upload_url` is a secret (registered with
// ugc::log::add_secret, never logged). After an uncertain failure, request a
// fresh upload_url.
#include <cstdint>
#include <string>

#include "ugc/api/client.hpp"
#include "ugc/api/upload_requests.hpp"

namespace ugc::api {

struct UploadedMedia {
  std::string public_url;    // use for video_url
  std::string storage_path;  // use for carousel_images and profile_picture_url (images)
  std::string filename;
  std::string content_type;
  std::int64_t size_bytes = 0;
  Json raw;  // `data` as received, without any upload_url
};

// `data` of an upload answer. Fails (MALFORMED_RESPONSE) when it is not an
// object or names neither a public_url nor a storage_path.
Result<UploadedMedia> parse_uploaded_media(const Json& data);

// The answer a direct upload would have given, for media uploaded another way
// (presigned), so that callers record every upload alike.
Response to_response(const UploadedMedia& media);

// POST /upload/video (presigned; no idempotency key) + PUT of the file,
// checked against `file_sha256` as it is sent when that is set.
Result<UploadedMedia> upload_video_presigned(Client& client, const std::string& bundle_id,
                                             const std::string& file_path, const std::string& file_sha256 = "");

}  // namespace ugc::api
