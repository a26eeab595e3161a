#include "ugc/sim/pipeline.hpp"

#include <cmath>
#include <ctime>
#include <thread>

#include "ugc/core/hash.hpp"
#include "ugc/sim/connection_drop.hpp"

namespace ugc::sim {
namespace {

constexpr const char* kApiPrefix = "/api/ext";
constexpr const char* kApiVersion = "2026-05-25";
constexpr size_t kMaxIdempotencyKey = 255;

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// Same JSON with different whitespace or key order is the same body.
std::string body_fingerprint(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, false);
  return sha256_hex(parsed.is_discarded() ? body : parsed.dump());
}

int64_t unix_seconds_real() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

}  // namespace

bool well_formed_api_key(const std::string& key) {
  if (key.size() != 67 || key.compare(0, 3, "sk_") != 0) return false;
  for (size_t i = 3; i < key.size(); ++i) {
    char c = key[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

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
  const bool api = req.path == kApiPrefix || req.path.rfind(std::string(kApiPrefix) + "/", 0) == 0;
  int latency_ms = 0;
  if (api) {
    std::lock_guard lock(world_.mu);
    latency_ms = faults_.latency_ms;
  }
  if (latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms));

  std::unique_lock lock(world_.mu);
  const std::string client_id = req.get_header_value("X-Request-ID");
  const std::string request_id = safe_request_id(client_id) ? client_id : world_.new_request_id();
  std::vector<std::pair<std::string, std::string>> headers;
  bool ran_handler = false, replayed = false;
  std::optional<std::string> idem_key;
  Reply reply;
  if (api) {
    reply = handle_api(req, req.path.substr(std::string(kApiPrefix).size()), request_id, headers, ran_handler,
                       idem_key, replayed);
  } else if (req.path.rfind("/__sim/", 0) == 0) {
    reply = handle_control(req, request_id);
    ran_handler = is_write(req.method);
  } else {
    reply = Reply::error(404, "NOT_FOUND", "No such path; the API lives under /api/ext");
  }

  if (ran_handler && is_write(req.method) && persist_) persist_();
  // A replayed answer can be lost on the way too (and libcurl silently resends
  // a request whose reused connection died, which would otherwise hide a drop).
  bool drop = api && (ran_handler || replayed) && faults_.drop_rate > 0 && world_.fault_draw() < faults_.drop_rate;
  if (api) {
    RequestLogEntry log;
    log.request_id = request_id;
    log.method = req.method;
    log.path = req.path;
    log.status = reply.status;
    log.idempotency_key = idem_key;
    log.replayed = replayed;
    log.dropped = drop;
    log.created_at = world_.now_iso();
    log.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    world_.requests.push_back(std::move(log));
  }
  const std::string date = http_date(world_.now());
  lock.unlock();

  if (drop && drop_connection(req)) {
    res.status = 500;  // never reaches the client: the socket is gone
    return;
  }
  res.status = reply.status;
  res.set_header("X-TokPortal-API-Version", kApiVersion);
  res.set_header("X-TokPortal-API-Stability", "stable");
  res.set_header("X-TokPortal-Request-ID", request_id);
  res.set_header("Date", date);
  for (const auto& [k, v] : headers) res.set_header(k.c_str(), v);
  for (const auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
  if (reply.raw) {
    if (reply.status != 204) res.set_content(*reply.raw, reply.content_type.c_str());
  } else {
    // With the charset, httplib does not compress: its brotli runs at quality
    // 11 and cost ~100 ms per 200-video reply, which made the simulator, not
    // the rate limit, the bottleneck of every benchmark.
    res.set_content(reply.body.dump(), "application/json; charset=utf-8");
  }
}

Reply Pipeline::handle_api(const httplib::Request& req, const std::string& path, const std::string& request_id,
                           std::vector<std::pair<std::string, std::string>>& headers, bool& ran_handler,
                           std::optional<std::string>& idem_key, bool& replayed) {
  // Authentication.
  if (!req.has_header("X-API-Key") || req.get_header_value("X-API-Key").empty())
    return Reply::error(401, "AUTH_MISSING_KEY", "Missing X-API-Key header");
  const std::string key = req.get_header_value("X-API-Key");
  const std::string key_hash = sha256_hex(key);
  if (!well_formed_api_key(key) && !config_.extra_key_hashes.count(key_hash))
    return Reply::error(401, "AUTH_INVALID_KEY", "Invalid API key");
  Tenant& tenant = world_.tenant_for_key_hash(key_hash);
  if (tenant.revoked) return Reply::error(401, "AUTH_REVOKED_KEY", "This API key has been revoked");

  // Token bucket (real time: X-RateLimit-Reset is compared with the client's clock).
  const double cap = config_.rate_capacity, refill = config_.rate_refill_per_sec;
  auto now = std::chrono::steady_clock::now();
  TokenBucket& b = tenant.bucket;
  if (b.tokens < 0) {
    b.tokens = cap;
  } else {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(cap, b.tokens + elapsed * refill);
  }
  b.last = now;
  const bool limited = b.tokens < 1.0;
  if (!limited) b.tokens -= 1.0;
  headers.emplace_back("X-RateLimit-Limit", std::to_string(static_cast<int64_t>(cap)));
  headers.emplace_back("X-RateLimit-Remaining", std::to_string(static_cast<int64_t>(std::floor(b.tokens))));
  headers.emplace_back("X-RateLimit-Reset",
                       std::to_string(unix_seconds_real() + static_cast<int64_t>(std::ceil((cap - b.tokens) / refill))));
  auto too_many = [&](int64_t wait) {
    Reply r = Reply::error(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded; retry after the indicated delay",
                           Json{{"retry_after_seconds", wait}});
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  };
  if (limited) return too_many(std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1.0 - b.tokens) / refill))));

  // Injected faults that happen before anything runs.
  if (faults_.extra_429_rate > 0 && world_.fault_draw() < faults_.extra_429_rate) return too_many(1);
  if (faults_.fail_rate > 0 && world_.fault_draw() < faults_.fail_rate)
    return Reply::error(503, "INTERNAL_ERROR", "Injected server fault (ugc sim --fail-rate)");

  std::map<std::string, std::string> params;
  bool path_known = false;
  const Route* route = router_.match(req.method, path, false, params, path_known);
  if (!route) {
    if (path_known) return Reply::error(405, "METHOD_NOT_ALLOWED", req.method + " is not allowed on " + req.path);
    return Reply::error(404, "NOT_FOUND", "No such endpoint: " + req.method + " " + req.path);
  }

  // Idempotency.
  std::string scope, fingerprint;
  if (req.has_header("Idempotency-Key") && route->policy != IdempotencyPolicy::not_applicable) {
    idem_key = req.get_header_value("Idempotency-Key");
    if (route->policy == IdempotencyPolicy::reject_sensitive)
      return Reply::error(400, "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE",
                          "This operation returns a sensitive response and does not accept an Idempotency-Key");
    if (idem_key->empty() || idem_key->size() > kMaxIdempotencyKey)
      return Reply::error(400, "VALIDATION_ERROR", "Idempotency-Key must be 1-255 characters",
                          Json{{"field", "Idempotency-Key"}});
    scope = req.method + " " + req.path + "\n" + *idem_key;
    fingerprint = body_fingerprint(req.body);
    auto it = tenant.idempotency.find(scope);
    if (it != tenant.idempotency.end()) {
      if (it->second.body_fingerprint != fingerprint)
        return Reply::error(409, "IDEMPOTENCY_KEY_REUSED",
                            "This Idempotency-Key was already used with a different request body");
      replayed = true;
      Reply r;
      r.status = it->second.status;
      r.body = Json::parse(it->second.response_body);
      r.headers.emplace_back("Idempotent-Replayed", "true");
      return r;
    }
  }

  Call call{req, world_, &tenant, std::move(params), nullptr, false, request_id, idem_key};
  if (!req.body.empty() && !req.is_multipart_form_data()) {
    call.body = Json::parse(req.body, nullptr, false);
    if (call.body.is_discarded())
      return Reply::error(400, "VALIDATION_ERROR", "Request body is not valid JSON");
  }
  call.dry_run = is_write(req.method) && req.get_header_value("X-TokPortal-Dry-Run") == "true";

  world_.current_request_id = request_id;
  world_.current_method = req.method;
  world_.current_path = req.path;
  world_.current_idempotency_key = idem_key;
  Reply reply;
  if (call.dry_run) {
    // Run the real validation and pricing, then put everything back.
    Tenant saved = tenant;
    auto id_rng = world_.id_rng;
    reply = run_handler(*route, call);
    tenant = std::move(saved);
    world_.id_rng = id_rng;
  } else {
    reply = run_handler(*route, call);
    ran_handler = true;
  }
  if (idem_key && route->policy == IdempotencyPolicy::standard && !call.dry_run && reply.status < 500 && !reply.raw) {
    IdempotencyRecord rec{fingerprint, reply.status, reply.body.dump(), world_.now_iso()};
    tenant.idempotency[scope] = std::move(rec);
  }
  return reply;
}

Reply Pipeline::handle_control(const httplib::Request& req, const std::string& request_id) {
  std::map<std::string, std::string> params;
  bool path_known = false;
  const Route* route = router_.match(req.method, req.path, true, params, path_known);
  if (!route) return Reply::error(path_known ? 405 : 404, "NOT_FOUND", "No such control endpoint: " + req.path);
  Call call{req, world_, nullptr, std::move(params), nullptr, false, request_id, std::nullopt};
  // Control bodies are JSON, except media bytes PUT to a presigned upload URL (SIM-LIFE).
  const std::string content_type = req.get_header_value("Content-Type");
  if (!req.body.empty() && (content_type.empty() || content_type.find("json") != std::string::npos)) {
    call.body = Json::parse(req.body, nullptr, false);
    if (call.body.is_discarded()) return Reply::error(400, "VALIDATION_ERROR", "Request body is not valid JSON");
  }
  return run_handler(*route, call);
}

Reply Pipeline::run_handler(const Route& route, Call& call) {
  try {
    return route.handler(call);
  } catch (const ApiError& e) {
    return e.reply;
  } catch (const std::exception& e) {
    return Reply::error(500, "INTERNAL_ERROR", std::string("ugc sim handler failed: ") + e.what());
  }
}

}  // namespace ugc::sim
