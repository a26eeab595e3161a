#pragma once
// RequestContext: one request on its way through the pipeline (pipeline.hpp).
// Each stage reads what the stages before it found and adds its own part, so
// nothing travels through out-parameters; a stage that answers early returns
// its Reply (StageAnswer) and the pipeline stops there. It lives for one
// request only, and the stages touch it with World::mu held.
#include <httplib.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ugc/sim/router.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct RequestContext {
  RequestContext(const httplib::Request& http, std::string path, std::string request_id)
      : http(http), path(std::move(path)), request_id(std::move(request_id)) {}

  const httplib::Request& http;
  std::string path;        // API routes: relative to /api/ext; control routes: absolute
  std::string request_id;  // X-TokPortal-Request-ID

  Tenant* tenant = nullptr;                                  // authenticate
  std::vector<std::pair<std::string, std::string>> headers;  // rate_limit: X-RateLimit-* on every later answer
  const Route* route = nullptr;                              // route match
  std::map<std::string, std::string> params;                 // route match: path parameters
  std::optional<std::string> idempotency_key;  // idempotency: the header, when the route's policy reads it
  std::string idempotency_scope;               // idempotency: "METHOD path\nkey", where the answer is stored
  std::string body_fingerprint;                // idempotency: the canonical body's hash
  bool replayed = false;                       // idempotency: answered from the store
  bool ran_handler = false;                    // the handler ran for real (not a dry run)
};

// An early answer from a stage, or nullopt to go on to the next stage.
using StageAnswer = std::optional<Reply>;

}  // namespace ugc::sim
