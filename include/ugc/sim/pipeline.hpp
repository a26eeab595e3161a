#pragma once
// Pipeline: the one function every HTTP request to the simulator goes through
// (see router.hpp for the order of checks). Kept apart from SimServer so the
// server only deals with sockets and lifetime.
#include <httplib.h>

#include <chrono>
#include <functional>
#include <set>
#include <string>

#include "ugc/sim/router.hpp"
#include "ugc/sim/server.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

struct PipelineConfig {
  std::set<std::string> extra_key_hashes;  // sha256 of --api-key / UGC_SIM_API_KEYS
  double rate_capacity = 120;
  double rate_refill_per_sec = 2;
};

class Pipeline {
 public:
  // `persist` is called with World::mu held after each mutating request.
  Pipeline(World& world, Router& router, Faults& faults, PipelineConfig config, std::function<void()> persist);

  void handle(const httplib::Request& req, httplib::Response& res);

 private:
  Reply handle_api(const httplib::Request& req, const std::string& path, const std::string& request_id,
                   std::vector<std::pair<std::string, std::string>>& headers, bool& ran_handler,
                   std::optional<std::string>& idem_key, bool& replayed);
  Reply handle_control(const httplib::Request& req, const std::string& request_id);
  Reply run_handler(const Route& route, Call& call);

  World& world_;
  Router& router_;
  Faults& faults_;
  PipelineConfig config_;
  std::function<void()> persist_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// True for `sk_` followed by 64 lowercase hex characters.
bool well_formed_api_key(const std::string& key);
// The X-TokPortal-Request-ID for a request: its X-Request-ID when safe, else a new id.
bool safe_request_id(const std::string& value);
// RFC 7231 date ("Wed, 25 Nov 2026 15:18:00 GMT").
std::string http_date(TimePoint t);

}  // namespace ugc::sim
