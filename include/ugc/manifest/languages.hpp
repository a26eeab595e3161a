#pragma once
// Caption and profile languages: ISO 639-1 codes, lower case ("en", "fr").
#include <string>
#include <vector>

namespace ugc::manifest {

const std::vector<std::string>& supported_languages();  // sorted
bool is_supported_language(const std::string& code);

}  // namespace ugc::manifest
