#include "ugc/manifest/languages.hpp"

#include <algorithm>

namespace ugc::manifest {
namespace {

const std::vector<std::string> kLanguages = [] {
  std::vector<std::string> v = {"af", "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et",
                                "fa", "fi", "fil", "fr", "he", "hi", "hr", "hu", "id", "it", "ja", "ko",
                                "lt", "lv", "ms", "nb", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl",
                                "sr", "sv", "sw", "th", "tl", "tr", "uk", "ur", "vi", "zh"};
  std::sort(v.begin(), v.end());
  return v;
}();

}  // namespace

const std::vector<std::string>& supported_languages() { return kLanguages; }

bool is_supported_language(const std::string& code) {
  return std::binary_search(kLanguages.begin(), kLanguages.end(), code);
}

}  // namespace ugc::manifest
