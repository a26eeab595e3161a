#include "ugc/sim/pipeline.hpp"

#include <ctime>

#include "ugc/sim/authentication.hpp"
#include "ugc/sim/connection_drop.hpp"
#include "ugc/sim/dry_run.hpp"
#include "ugc/sim/idempotency.hpp"
#include "ugc/sim/media_type.hpp"

namespace ugc::sim {
namespace {

constexpr const char* kApiPrefix = "/api/ext";

bool is_api_path(const std::string& path) {
  return path == kApiPrefix || path.rfind(std::string(kApiPrefix) + "/", 0) == 0;
}

bool is_control_path(const std::string& path) { return path.rfind("/__sim/", 0) == 0; }

// API bodies are JSON unless multipart (uploads); an unparsable body is a 400.
StageAnswer parse_api_body(const httplib::Request& req, Json& body) {
  if (req.body.empty() || req.is_multipart_form_data()) return std::nullopt;
  body = Json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return Reply::error(400, "VALIDATION_ERROR", "Request body is not valid JSON");
  return std::nullopt;
}

// Control bodies are JSON, except media bytes PUT to a presigned upload URL (SIM-LIFE).
StageAnswer parse_control_body(const httplib::Request& req, Json& body) {
  const std::string content_type = req.get_header_value("Content-Type");
  if (req.body.empty() || !(content_type.empty() || content_type.find("json") != std::string::npos))
    return std::nullopt;
  body = Json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return Reply::error(400, "VALIDATION_ERROR", "Request body is not valid JSON");
  return std::nullopt;
}

void write_response(httplib::Response& res, const RequestContext& request, const Reply& reply,
                    const std::string& date) {
  res.status = reply.status;
  res.set_header("X-TokPortal-API-Version", kApiVersion);
  res.set_header("X-TokPortal-API-Stability", "stable");
  res.set_header("X-TokPortal-Request-ID", request.request_id);
  res.set_header("Date", date);
  for (const auto& [k, v] : request.headers) res.set_header(k.c_str(), v);
  for (const auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
  if (reply.raw) {
    if (reply.status != 204) res.set_content(*reply.raw, reply.content_type.c_str());
    return;
  }
  // With the charset, httplib does not compress: its brotli runs at quality
  // 11 and cost ~100 ms per 200-video reply, which made the simulator, not
  // the rate limit, the bottleneck of every benchmark.
  res.set_content(reply.body.dump(), "application/json; charset=utf-8");
}

}  // namespace

bool safe_request_id(const std::string& v) {
  if (v.empty() || v.size() > 128) return false;
  for (char c : v)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  return true;
}

std::string http_date(TimePoint t) {
  std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

Pipeline::Pipeline(World& world, Router& router, Faults& faults, PipelineConfig config,
                   std::function<void()> persist)
    : world_(world), router_(router), faults_(faults), config_(std::move(config)), persist_(std::move(persist)) {}

void Pipeline::handle(const httplib::Request& req, httplib::Response& res) {
  const bool api = is_api_path(req.path);
  if (api) wait_injected_latency(world_, faults_);

  std::unique_lock lock(world_.mu);
  const std::string client_id = req.get_header_value("X-Request-ID");
  RequestContext request{req, api ? req.path.substr(std::string(kApiPrefix).size()) : req.path,
                         safe_request_id(client_id) ? client_id : world_.new_request_id()};
  Reply reply;
  if (api) {
    reply = handle_api(request);
  } else if (is_control_path(req.path)) {
    reply = handle_control(request);
  } else {
    reply = Reply::error(404, "NOT_FOUND", "No such path; the API lives under /api/ext");
  }

  // Control writes are saved whatever they answered: even a 404 drew a request
  // id from the id stream, which is part of the saved world.
  const bool may_have_changed = request.ran_handler || (!api && is_control_path(req.path));
  if (may_have_changed && is_write_method(req.method) && persist_) persist_();
  const bool drop = api && draw_connection_drop(request, world_, faults_);
  if (api) record_request(request, reply, drop);
  const std::string date = http_date(world_.now());
  lock.unlock();

  if (drop && drop_connection(req)) {
    res.status = 500;  // never reaches the client: the socket is gone
    return;
  }
  write_response(res, request, reply, date);
}

Reply Pipeline::handle_api(RequestContext& request) {
  if (auto answer = serve_public_read(request)) return *answer;
  if (auto answer = authenticate(request, world_, config_.extra_key_hashes)) return *answer;
  if (auto answer = rate_limit(request, config_.rate_limit)) return *answer;
  if (auto answer = inject_fault(world_, faults_)) return *answer;
  if (auto answer = match_route(request)) return *answer;
  if (auto answer = check_media_type(request)) return *answer;
  if (auto answer = idempotency_lookup(request)) return *answer;
  return run_api_handler(request);
}

StageAnswer Pipeline::match_route(RequestContext& request) const {
  const httplib::Request& req = request.http;
  bool path_known = false;
  request.route = router_.match(req.method, request.path, false, request.params, path_known);
  if (request.route) return std::nullopt;
  if (path_known) return Reply::error(405, "METHOD_NOT_ALLOWED", req.method + " is not allowed on " + req.path);
  return Reply::error(404, "NOT_FOUND", "No such endpoint: " + req.method + " " + req.path);
}

StageAnswer Pipeline::serve_public_read(RequestContext& request) {
  const httplib::Request& req = request.http;
  if (!req.get_header_value("X-API-Key").empty()) return std::nullopt;  // a key: the usual way, checked
  bool path_known = false;
  std::map<std::string, std::string> params;
  const Route* route = router_.match(req.method, request.path, false, params, path_known);
  if (!route || !route->public_read) return std::nullopt;
  request.route = route;
  request.params = std::move(params);
  return run_api_handler(request);
}

Reply Pipeline::run_api_handler(RequestContext& request) {
  const httplib::Request& req = request.http;
  Call call{req, world_, request.tenant, std::move(request.params), nullptr, false, request.request_id,
            request.idempotency_key};
  if (auto answer = parse_api_body(req, call.body)) return *answer;
  call.dry_run = wants_dry_run(req);

  // Ledger entries written by the handler copy these.
  world_.current_request_id = request.request_id;
  world_.current_method = req.method;
  world_.current_path = req.path;
  world_.current_idempotency_key = request.idempotency_key;
  Reply reply;
  if (call.dry_run) {
    reply = run_dry(*request.route, call, *request.tenant, world_);
  } else {
    reply = run_handler(*request.route, call);
    request.ran_handler = true;
  }
  idempotency_store(request, reply, call.dry_run, world_.now_iso());
  return reply;
}

Reply Pipeline::handle_control(RequestContext& request) {
  const httplib::Request& req = request.http;
  bool path_known = false;
  const Route* route = router_.match(req.method, req.path, true, request.params, path_known);
  if (!route) return Reply::error(path_known ? 405 : 404, "NOT_FOUND", "No such control endpoint: " + req.path);
  Call call{req, world_, nullptr, std::move(request.params), nullptr, false, request.request_id, std::nullopt};
  if (auto answer = parse_control_body(req, call.body)) return *answer;
  request.ran_handler = true;
  return run_handler(*route, call);
}

void Pipeline::record_request(const RequestContext& request, const Reply& reply, bool dropped) {
  RequestLogEntry log;
  log.request_id = request.request_id;
  log.method = request.http.method;
  log.path = request.http.path;
  log.status = reply.status;
  log.idempotency_key = request.idempotency_key;
  log.replayed = request.replayed;
  log.dropped = dropped;
  log.created_at = world_.now_iso();
  log.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
  world_.requests.push_back(std::move(log));
}

}  // namespace ugc::sim
