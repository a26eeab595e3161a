#include "ugc/sim/authentication.hpp"

#include "ugc/core/hash.hpp"

namespace ugc::sim {

bool well_formed_api_key(const std::string& key) {
  if (key.size() != 67 || key.compare(0, 3, "sk_") != 0) return false;
  for (size_t i = 3; i < key.size(); ++i) {
    char c = key[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

StageAnswer authenticate(RequestContext& request, World& world, const std::set<std::string>& extra_key_hashes) {
  const httplib::Request& req = request.http;
  if (!req.has_header("X-API-Key") || req.get_header_value("X-API-Key").empty())
    return Reply::error(401, "AUTH_MISSING_KEY", "Missing X-API-Key header");
  const std::string key = req.get_header_value("X-API-Key");
  const std::string key_hash = sha256_hex(key);
  if (!well_formed_api_key(key) && !extra_key_hashes.count(key_hash))
    return Reply::error(401, "AUTH_INVALID_KEY", "Invalid API key");
  Tenant& tenant = world.tenant_for_key_hash(key_hash);
  if (tenant.revoked) return Reply::error(401, "AUTH_REVOKED_KEY", "This API key has been revoked");
  request.tenant = &tenant;
  return std::nullopt;
}

}  // namespace ugc::sim
