#pragma once
// Router: how the simulator's routes are declared. Each area registers its
// routes from its own file (routes_bundles.cpp, routes_videos.cpp, ... ;
// SIM-LIFE: routes_webhooks.cpp, routes_analytics.cpp, routes_uploads.cpp,
// routes_review.cpp, routes_lifecycle_control.cpp) through a `register_*`
// function listed in routes.hpp.
//
// API routes (`/api/ext/...`, registered WITHOUT the prefix, e.g.
// "/bundles/{id}/videos/{position}") run through the pipeline's stages
// (pipeline.hpp: auth, rate limit, injected faults, route match, the route's
// idempotency policy, JSON body parse, dry run), then the handler WITH
// `World::mu` HELD, then persistence, request log and the injected connection
// drop. Handlers therefore only validate, mutate the world and return a Reply;
// they never lock, sleep or do I/O.
//
// Control routes (`/__sim/...`) skip auth, rate limits, faults and idempotency;
// they also run with the mutex held.
//
// Path patterns: literal segments and `{name}` parameters. When two patterns
// match, the one with more literal segments wins ("/bundles/{id}/videos/batch"
// beats "/bundles/{id}/videos/{position}").
#include <httplib.h>

#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

enum class IdempotencyPolicy {
  standard,          // Idempotency-Key accepted: replay / conflict
  not_applicable,    // GET: header ignored
  reject_sensitive,  // the six sensitive operations: header -> 400 before anything runs
};

// What an API route takes as a request body (checked by the media_type stage).
enum class BodyKind {
  json,       // application/json (the default)
  multipart,  // multipart/form-data: the direct uploads
};

// What a handler answers. JSON unless `raw` is set (CSV/HTML exports, 204s).
struct Reply {
  int status = 200;
  Json body;
  std::optional<std::string> raw;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  // {"data": data}
  static Reply data(Json data, int status = 200);
  // {"data": [...], "pagination": {...}}; `items` is the whole filtered list, sliced here.
  static Reply page(const Json& items, int page, int per_page);
  // {"error": {"code", "message", "details"?}}
  static Reply error(int status, std::string code, std::string message, Json details = nullptr);
  static Reply no_content();
};

// Thrown by handlers (and the shared validators) to answer with an API error;
// the pipeline turns it into the Reply. Throw only BEFORE mutating the world:
// the pipeline does not roll back a handler that fails halfway.
struct ApiError : std::exception {
  Reply reply;
  explicit ApiError(Reply r) : reply(std::move(r)) {}
  const char* what() const noexcept override { return "api error"; }
};
[[noreturn]] void fail(int status, std::string code, std::string message, Json details = nullptr);

// The request as a handler sees it.
struct Call {
  const httplib::Request& req;
  World& world;
  Tenant* tenant = nullptr;  // null on control routes
  std::map<std::string, std::string> params;  // path parameters
  Json body;                 // parsed JSON body; null when the request had none
  bool dry_run = false;      // X-TokPortal-Dry-Run: true (state is rolled back after the handler)
  std::string request_id;
  std::optional<std::string> idempotency_key;

  const std::string& param(const std::string& name) const { return params.at(name); }
  std::optional<std::string> query(const std::string& name) const;
};

using Handler = std::function<Reply(Call&)>;

// Anything but GET, HEAD and OPTIONS changes the world.
bool is_write_method(const std::string& method);

struct Route {
  std::string method;
  std::vector<std::string> segments;  // "{x}" = parameter
  Handler handler;
  IdempotencyPolicy policy = IdempotencyPolicy::standard;
  bool control = false;  // /__sim/... route
  BodyKind body = BodyKind::json;
  bool public_read = false;  // API GET also served without a key (get_public)
  int literal_count() const;
};

class Router {
 public:
  // API routes; `pattern` is relative to /api/ext.
  void get(const std::string& pattern, Handler h) { add("GET", pattern, std::move(h), IdempotencyPolicy::not_applicable); }
  // A GET the contract calls public: without X-API-Key it skips authentication
  // and rate limits (the handler then sees no tenant); with a key it runs as usual.
  void get_public(const std::string& pattern, Handler h);
  Route& post(const std::string& pattern, Handler h, IdempotencyPolicy p = IdempotencyPolicy::standard) { return add("POST", pattern, std::move(h), p); }
  void put(const std::string& pattern, Handler h, IdempotencyPolicy p = IdempotencyPolicy::standard) { add("PUT", pattern, std::move(h), p); }
  void patch(const std::string& pattern, Handler h, IdempotencyPolicy p = IdempotencyPolicy::standard) { add("PATCH", pattern, std::move(h), p); }
  void del(const std::string& pattern, Handler h, IdempotencyPolicy p = IdempotencyPolicy::standard) { add("DELETE", pattern, std::move(h), p); }
  // Control routes; `pattern` is absolute ("/__sim/clock").
  void control(const std::string& method, const std::string& pattern, Handler h);

  // The route just added (valid until the next add), e.g. to set its BodyKind.
  Route& add(const std::string& method, const std::string& pattern, Handler h, IdempotencyPolicy p, bool control = false);

  // Best route for (method, path); fills `params`. `path_known` tells 404 from 405.
  const Route* match(const std::string& method, const std::string& path, bool control,
                     std::map<std::string, std::string>& params, bool& path_known) const;

 private:
  std::vector<Route> routes_;
};

// Runs the route's handler: an ApiError becomes its reply, any other exception
// 500 INTERNAL_ERROR.
Reply run_handler(const Route& route, Call& call);

// Hooks an area may need beyond routes (background threads, shutdown).
struct ServerHooks {
  std::vector<std::function<void()>> on_start;  // after the world is loaded, before listening
  std::vector<std::function<void()>> on_stop;   // before the world is saved for the last time
  std::map<std::string, std::string> options;   // `ugc sim --sim-opt KEY=VALUE` (SIM-LIFE knobs)
};

}  // namespace ugc::sim
