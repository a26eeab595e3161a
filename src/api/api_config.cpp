#include "ugc/api/api_config.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "ugc/core/log.hpp"

namespace ugc::api {
namespace {

std::string trim(std::string s, const char* ws = " \t\r\n") {
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}
// Only spaces around a key: any other whitespace is a control character, refused.
std::string trim_spaces(std::string s) { return trim(std::move(s), " "); }

// A key goes into an HTTP header verbatim: a line break would end the header
// and start another one. The message names the byte and its position, never the key.
Status check_key_bytes(const std::string& key, const std::string& source) {
  for (std::size_t i = 0; i < key.size(); ++i) {
    auto c = static_cast<unsigned char>(key[i]);
    if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return invalid_input(source + " holds a control character (" + hex + " at byte " + std::to_string(i + 1) +
                           "); an API key is one line of printable text - check how it was set");
    }
  }
  return {};
}

Result<std::string> read_key_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return invalid_input("--api-key-file " + path + ": cannot read the file (does it exist?)");
  if (!S_ISREG(st.st_mode)) return invalid_input("--api-key-file " + path + ": not a regular file");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    spdlog::warn("API key file {} is readable by group or others; restrict it with: chmod 600 {}", path, path);
  std::ifstream in(path);
  if (!in) return invalid_input("--api-key-file " + path + ": cannot open the file");
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();  // a file saved with CRLF line ends
  std::string key = trim_spaces(line);
  if (key.empty()) return invalid_input("--api-key-file " + path + ": the first line is empty (expected the API key)");
  return key;
}

}  // namespace

Result<std::string> resolve_base_url(const ApiConfigFlags& flags, const EnvLookup& env) {
  std::string url;
  std::string source;
  if (flags.api_url) {
    url = *flags.api_url;
    source = "--api-url";
  } else if (const char* e = env("TOKPORTAL_BASE_URL"); e && *e) {
    url = e;
    source = "TOKPORTAL_BASE_URL";
  } else {
    return std::string(kDefaultBaseUrl);
  }
  url = trim(url);
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return invalid_input(source + " '" + url + "' is not an http:// or https:// URL (e.g. " + kDefaultBaseUrl + ")");
  while (url.size() > 8 && url.back() == '/') url.pop_back();
  return url;
}

Result<ApiConfig> resolve_api_config(const ApiConfigFlags& flags, const EnvLookup& env) {
  ApiConfig config;
  auto url = resolve_base_url(flags, env);
  if (!url) return url.error();
  config.base_url = *url;

  if (flags.api_key_file) {
    auto key = read_key_file(*flags.api_key_file);
    if (!key) return key.error();
    config.api_key = *key;
  } else if (const char* e = env("TOKPORTAL_API_KEY"); e && *e) {
    config.api_key = trim_spaces(e);
  }
  const std::string source = flags.api_key_file ? "--api-key-file " + *flags.api_key_file : "TOKPORTAL_API_KEY";
  if (auto s = check_key_bytes(config.api_key, source); !s) return s.error();
  if (config.api_key.empty())
    return invalid_input("no API key: set TOKPORTAL_API_KEY or pass --api-key-file");
  log::add_secret(config.api_key);
  return config;
}

Result<ApiConfig> resolve_api_config(const ApiConfigFlags& flags) {
  return resolve_api_config(flags, [](const char* name) -> const char* { return std::getenv(name); });
}

}  // namespace ugc::api
