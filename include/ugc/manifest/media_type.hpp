#pragma once
// What a media file is, judged by its first bytes, never by its name: the
// types the TokPortal contract accepts (docs/tokportal-api.md §7) - videos as
// MP4/QuickTime or WebM/Matroska, images as JPEG, PNG, WebP or GIF. A text
// file named clip.mp4 is none of them.
#include <cstddef>
#include <optional>
#include <string_view>

namespace ugc::manifest {

enum class MediaKind { video, image };

struct MediaType {
  const char* name;  // "MP4/QuickTime", "PNG", ...
  const char* mime;  // "video/mp4", "image/png", ...
  MediaKind kind;
};

// How many leading bytes sniff_media_type needs to decide.
inline constexpr std::size_t kMediaSniffBytes = 12;

// The type `head` (a file's first bytes) announces; nullopt when none of the
// accepted types. Shorter heads than kMediaSniffBytes are fine (an empty file
// is no media).
std::optional<MediaType> sniff_media_type(std::string_view head);

// "MP4/QuickTime or WebM/Matroska", for messages.
const char* accepted_media_types(MediaKind kind);

}  // namespace ugc::manifest
