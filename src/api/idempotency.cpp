#include "ugc/api/idempotency.hpp"

#include <vector>

#include "ugc/core/hash.hpp"

namespace ugc::api {
namespace {

// Splits "/a/b/c" into {"a","b","c"} (empty segments dropped).
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string canonical_json(const Json& body) {
  // nlohmann::json keeps object keys in a std::map, so dump() is already
  // sorted; compact output and a fixed error handler make it canonical.
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string idempotency_key(std::string_view campaign, std::string_view action_ref, const Json& body) {
  // Length prefixes keep the parts apart even if one contains the separator.
  std::string material;
  material.append(std::to_string(campaign.size())).append(":").append(campaign).append("\n");
  material.append(std::to_string(action_ref.size())).append(":").append(action_ref).append("\n");
  material.append(canonical_json(body));
  return "ugc-" + sha256_hex(material).substr(0, 40);
}

bool is_mutating(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool is_sensitive_operation(std::string_view method, std::string_view path) {
  if (method != "POST") return false;
  size_t q = path.find('?');
  if (q != std::string_view::npos) path = path.substr(0, q);
  auto s = segments(path);
  if (s.size() == 2 && s[0] == "upload" && (s[1] == "video" || s[1] == "image")) return true;
  if (s.size() == 1 && s[0] == "webhooks") return true;
  if (s.size() == 3 && s[0] == "accounts" && (s[2] == "verification-code" || s[2] == "reveal-credentials"))
    return true;
  if (s.size() == 3 && s[0] == "analytics" && s[1] == "export" && s[2] == "reports") return true;
  return false;
}

}  // namespace ugc::api
