// Magic numbers of the accepted media types. ISO base media (MP4, M4V, MOV)
// names its first box at offset 4: `ftyp` in anything written this century,
// `moov`/`mdat`/`wide`/`free`/`skip` in older QuickTime files.
#include "ugc/manifest/media_type.hpp"

#include <array>

namespace ugc::manifest {
namespace {

constexpr MediaType kMp4{"MP4/QuickTime", "video/mp4", MediaKind::video};
constexpr MediaType kWebm{"WebM/Matroska", "video/webm", MediaKind::video};
constexpr MediaType kJpeg{"JPEG", "image/jpeg", MediaKind::image};
constexpr MediaType kPng{"PNG", "image/png", MediaKind::image};
constexpr MediaType kWebp{"WebP", "image/webp", MediaKind::image};
constexpr MediaType kGif{"GIF", "image/gif", MediaKind::image};

bool has_at(std::string_view head, std::size_t offset, std::string_view magic) {
  return head.size() >= offset + magic.size() && head.substr(offset, magic.size()) == magic;
}

bool is_iso_media(std::string_view head) {
  constexpr std::array<std::string_view, 6> first_boxes = {"ftyp", "moov", "mdat", "wide", "free", "skip"};
  for (auto box : first_boxes)
    if (has_at(head, 4, box)) return true;
  return false;
}

}  // namespace

std::optional<MediaType> sniff_media_type(std::string_view head) {
  using namespace std::string_view_literals;
  if (is_iso_media(head)) return kMp4;
  if (has_at(head, 0, "\x1A\x45\xDF\xA3"sv)) return kWebm;  // EBML header
  if (has_at(head, 0, "\xFF\xD8\xFF"sv)) return kJpeg;
  if (has_at(head, 0, "\x89PNG\r\n\x1A\n"sv)) return kPng;
  if (has_at(head, 0, "RIFF"sv) && has_at(head, 8, "WEBP"sv)) return kWebp;
  if (has_at(head, 0, "GIF87a"sv) || has_at(head, 0, "GIF89a"sv)) return kGif;
  return std::nullopt;
}

const char* accepted_media_types(MediaKind kind) {
  return kind == MediaKind::video ? "MP4/QuickTime or WebM/Matroska" : "JPEG, PNG, WebP or GIF";
}

}  // namespace ugc::manifest
