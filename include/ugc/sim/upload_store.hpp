#pragma once
// UploadStore: the simulator's media storage (docs/tokportal-api.md §7). Uploaded
// bytes are kept in memory and served back by the simulator itself at
// `http://<host>/__sim/media/<media_id>`, so a public_url returned by an upload
// really resolves. Direct uploads are keyed by the SHA-256 of their bytes
// (uploading the same file twice gives the same URL); presigned uploads get a
// fresh id, and their upload token stays valid for `kPresignedLifetime` of
// real time. Media is not persisted with --state (inferred; docs/sim.md).
// Not thread-safe by itself: it is only touched by handlers, under World::mu.
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace ugc::sim {

inline constexpr std::chrono::minutes kPresignedLifetime{60};
inline constexpr std::size_t kMaxVideoBytes = 256u << 20;
inline constexpr std::size_t kMaxImageBytes = 20u << 20;

struct StoredMedia {
  std::string content_type;
  std::string filename;
  std::string bytes;
};

struct PresignedUpload {
  std::string media_id;
  std::string content_type;  // the PUT must carry exactly this Content-Type
  std::chrono::steady_clock::time_point expires;
};

struct UploadStore {
  std::map<std::string, StoredMedia> media;         // by media id
  std::map<std::string, PresignedUpload> presigned;  // by upload token
};

// "video" / "image" kind checks on a MIME type.
bool is_video_type(const std::string& content_type);
bool is_image_type(const std::string& content_type);  // jpeg, png, webp, gif
// MIME type from a file name's extension ("clip.MP4" -> "video/mp4"); empty if unknown.
std::string content_type_for_filename(const std::string& filename);
// File extension for a MIME type ("image/png" -> "png"; "bin" if unknown).
std::string extension_for(const std::string& content_type);

}  // namespace ugc::sim
