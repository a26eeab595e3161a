#include "ugc/manifest/limits.hpp"

#include <array>
#include <cctype>

namespace ugc::manifest {
namespace {

constexpr std::array<PlatformLimits, 2> kPlatformLimits = {{
    {Platform::tiktok, 2200, 30},
    {Platform::instagram, 2200, 30},
}};

bool hashtag_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

}  // namespace

const PlatformLimits& platform_limits(Platform p) {
  for (const auto& l : kPlatformLimits)
    if (l.platform == p) return l;
  return kPlatformLimits[0];
}

int count_chars(const std::string& text) {
  int n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;  // count every byte that is not a continuation byte
  return n;
}

int count_hashtags(const std::string& text) {
  int n = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '#' && hashtag_char(static_cast<unsigned char>(text[i + 1])) &&
        (i == 0 || !hashtag_char(static_cast<unsigned char>(text[i - 1]))))
      ++n;
  }
  return n;
}

}  // namespace ugc::manifest
