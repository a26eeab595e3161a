#pragma once
// ApiConfig: where the API is and which key to use, resolved from flags and
// the environment.
//
// - base URL: --api-url, else TOKPORTAL_BASE_URL, else kDefaultBaseUrl;
//   must be http(s)://...; a trailing slash is dropped.
// - key: TOKPORTAL_API_KEY, else the file named by --api-key-file (first line,
//   surrounding whitespace trimmed). Never a flag value: it would show up in
//   shell history and `ps`. A key file readable by group or others gets a
//   warning. The resolved key is registered with ugc::log::add_secret.
// - missing key: invalid_input "no API key: set TOKPORTAL_API_KEY or pass --api-key-file".
//   The flag wins over the environment when both are given.
#include <functional>
#include <optional>
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::api {

inline constexpr const char* kDefaultBaseUrl = "https://app.tokportal.com/api/ext";

struct ApiConfig {
  std::string base_url;
  std::string api_key;
};

struct ApiConfigFlags {
  std::optional<std::string> api_url;       // --api-url
  std::optional<std::string> api_key_file;  // --api-key-file
};

// Looks up an environment variable; null when unset. Injectable for tests.
using EnvLookup = std::function<const char*(const char*)>;

Result<ApiConfig> resolve_api_config(const ApiConfigFlags& flags, const EnvLookup& env);
// With the process environment.
Result<ApiConfig> resolve_api_config(const ApiConfigFlags& flags);

// Base URL only (commands that do not need a key yet, e.g. to print a plan).
Result<std::string> resolve_base_url(const ApiConfigFlags& flags, const EnvLookup& env);

}  // namespace ugc::api
