#pragma once
// Pipeline: the way every HTTP request to the simulator goes, kept apart from
// SimServer so the server only deals with sockets and lifetime.
//
// An API request (`/api/ext/...`) runs these stages in this order, each in the
// file named after it; the first that answers ends the request (the conformance
// tests in tests/sim pin the order and every answer):
//   latency (fault_injection)      --latency-ms, before the world lock
//   public read (here)             a keyless GET of a public route runs its
//                                  handler at once (no tenant, no rate limit)
//   authenticate (authentication)  401
//   rate_limit (rate_limit)        X-RateLimit-* headers, 429
//   inject_fault (fault_injection) injected 429 / 503
//   match_route (here)             404 / 405
//   check_media_type (media_type)  415
//   idempotency_lookup (idempotency) 400 / 409 / replay
//   parse_api_body (here)          400
//   run_handler / run_dry (router, dry_run), then idempotency_store
// and then, for every request: persistence of a write that ran (of every
// control write), the request
// log (API only), the injected connection drop (API only), the response with
// the version, request id and Date headers.
//
// A control request (`/__sim/...`) skips authentication, rate limits, faults
// and idempotency. Handlers always run with World::mu held. Thread-safe:
// `handle` may run on many threads; World::mu serialises them.
#include <httplib.h>

#include <chrono>
#include <functional>
#include <set>
#include <string>

#include "ugc/sim/fault_injection.hpp"
#include "ugc/sim/rate_limit.hpp"
#include "ugc/sim/request_context.hpp"
#include "ugc/sim/router.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// X-TokPortal-API-Version on every answer.
inline constexpr const char* kApiVersion = "2026-05-25";

struct PipelineConfig {
  std::set<std::string> extra_key_hashes;  // sha256 of --api-key / UGC_SIM_API_KEYS
  RateLimit rate_limit;
};

class Pipeline {
 public:
  // `persist` is called with World::mu held after each mutating request.
  Pipeline(World& world, Router& router, Faults& faults, PipelineConfig config, std::function<void()> persist);

  void handle(const httplib::Request& req, httplib::Response& res);

 private:
  Reply handle_api(RequestContext& request);
  Reply handle_control(RequestContext& request);
  StageAnswer match_route(RequestContext& request) const;
  StageAnswer serve_public_read(RequestContext& request);
  Reply run_api_handler(RequestContext& request);
  void record_request(const RequestContext& request, const Reply& reply, bool dropped);

  World& world_;
  Router& router_;
  Faults& faults_;
  PipelineConfig config_;
  std::function<void()> persist_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// Whether an X-Request-ID is safe to echo as X-TokPortal-Request-ID
// (1-128 chars of [A-Za-z0-9._:-]); otherwise the simulator makes one.
bool safe_request_id(const std::string& value);
// RFC 7231 date ("Wed, 25 Nov 2026 15:18:00 GMT").
std::string http_date(TimePoint t);

}  // namespace ugc::sim
