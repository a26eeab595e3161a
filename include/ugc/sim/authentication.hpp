#pragma once
// Pipeline stage 1, authentication: who is calling. Any `sk_` + 64 lowercase
// hex key is valid (each key its own tenant, created on first use), plus the
// extra keys of `--api-key` / UGC_SIM_API_KEYS, known only by their SHA-256.
// Answers 401 AUTH_MISSING_KEY, AUTH_INVALID_KEY or AUTH_REVOKED_KEY; on
// success sets `request.tenant`. Needs World::mu held.
#include <set>
#include <string>

#include "ugc/sim/request_context.hpp"

namespace ugc::sim {

StageAnswer authenticate(RequestContext& request, World& world, const std::set<std::string>& extra_key_hashes);

// True for `sk_` followed by 64 lowercase hex characters.
bool well_formed_api_key(const std::string& key);

}  // namespace ugc::sim
