#include "ugc/sim/upload_store.hpp"

#include <algorithm>
#include <cctype>

namespace ugc::sim {
namespace {

struct TypeRow {
  const char* ext;
  const char* type;
};

constexpr TypeRow kTypes[] = {
    {"mp4", "video/mp4"},   {"mov", "video/quicktime"}, {"webm", "video/webm"}, {"m4v", "video/x-m4v"},
    {"jpg", "image/jpeg"},  {"jpeg", "image/jpeg"},     {"png", "image/png"},   {"webp", "image/webp"},
    {"gif", "image/gif"},
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "video/mp4; codecs=..." -> "video/mp4"
std::string base_type(const std::string& content_type) {
  return lower(content_type.substr(0, content_type.find(';')));
}

}  // namespace

bool is_video_type(const std::string& content_type) { return base_type(content_type).starts_with("video/"); }

bool is_image_type(const std::string& content_type) {
  const std::string t = base_type(content_type);
  return t == "image/jpeg" || t == "image/png" || t == "image/webp" || t == "image/gif";
}

std::string content_type_for_filename(const std::string& filename) {
  const auto dot = filename.rfind('.');
  if (dot == std::string::npos) return {};
  const std::string ext = lower(filename.substr(dot + 1));
  for (const auto& row : kTypes) {
    if (ext == row.ext) return row.type;
  }
  return {};
}

std::string extension_for(const std::string& content_type) {
  const std::string t = base_type(content_type);
  for (const auto& row : kTypes) {
    if (t == row.type) return row.ext;
  }
  return "bin";
}

}  // namespace ugc::sim
