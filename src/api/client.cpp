#include "ugc/api/client.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <random>

#include "ugc/api/analytics.hpp"
#include "ugc/api/api_error.hpp"
#include "ugc/api/idempotency.hpp"
#include "ugc/core/log.hpp"

namespace ugc::api {
namespace {

std::string random_hex(size_t digits) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  std::string out;
  while (out.size() < digits) {
    auto v = rng();
    for (int i = 0; i < 16 && out.size() < digits; ++i, v >>= 4) out.push_back(hex[v & 0xF]);
  }
  return out;
}

double default_random01() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

std::optional<double> header_number(const Headers& headers, std::string_view name) {
  auto v = headers.get(name);
  if (!v || v->empty()) return std::nullopt;
  double out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  // Bounded so later casts to integers and durations cannot overflow.
  if (ec != std::errc() || !std::isfinite(out) || out < -1e15 || out > 1e15) return std::nullopt;
  return out;
}

std::uint64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

std::uint64_t body_bytes(const HttpRequest& http) {
  std::uint64_t n = http.body.size();
  if (!http.body_file.empty()) n += file_size_or_zero(http.body_file);
  for (const auto& p : http.parts) n += p.file_path.empty() ? p.value.size() : file_size_or_zero(p.file_path);
  return n;
}

std::string seconds_text(Clock::duration d) {
  return fmt::format("{:.1f} s", std::chrono::duration<double>(d).count());
}

}  // namespace

Client::Client(ClientOptions options, std::shared_ptr<Transport> transport, std::shared_ptr<Clock> clock,
               std::shared_ptr<RateLimiter> limiter)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      clock_(std::move(clock)),
      limiter_(limiter ? std::move(limiter) : std::make_shared<RateLimiter>(clock_)) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
  log::add_secret(options_.api_key);
}

void Client::set_random(std::function<double()> uniform01) {
  std::lock_guard lock(mutex_);
  random_ = std::move(uniform01);
}

double Client::random01() {
  {
    std::lock_guard lock(mutex_);
    if (random_) return random_();
  }
  return default_random01();
}

std::optional<std::string> Client::last_server_date() const {
  std::lock_guard lock(mutex_);
  return last_date_;
}

Result<CivilDate> Client::server_today() const {
  auto date = last_server_date();
  if (!date) return not_found("no response with a Date header yet");
  return CivilDate::from_http_date(*date);
}

HttpRequest Client::to_http(const Request& request, const std::string& request_id) const {
  HttpRequest http;
  http.method = request.method;
  http.url = options_.base_url + request.path;
  char sep = '?';
  for (const auto& [k, v] : request.query) {
    http.url += sep;
    http.url += url_encode(k) + "=" + url_encode(v);
    sep = '&';
  }
  http.headers.add("X-API-Key", options_.api_key);
  http.headers.add("Accept", request.expect_json ? "application/json" : "*/*");
  http.headers.add("X-Request-ID", request_id);
  http.headers.add("X-TokPortal-Client", options_.client_name);
  if (!request.idempotency_key.empty()) http.headers.add("Idempotency-Key", request.idempotency_key);
  if (is_mutating(request.method) && (request.dry_run || options_.dry_run))
    http.headers.add("X-TokPortal-Dry-Run", "true");
  if (request.body) {
    http.headers.add("Content-Type", "application/json");
    http.body = request.body->dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  http.parts = request.parts;
  http.timeout = request.timeout;
  // Without a key a second copy would run again (a second bundle, a second
  // webhook secret): never let the transport resend it behind our back.
  http.fresh_connection = is_mutating(request.method) && request.idempotency_key.empty();
  return http;
}

void Client::observe(const HttpResponse& http, RateLimiter::Ticket ticket) {
  RateLimitHeaders rl;
  rl.limit = header_number(http.headers, "X-RateLimit-Limit");
  rl.remaining = header_number(http.headers, "X-RateLimit-Remaining");
  if (auto reset = header_number(http.headers, "X-RateLimit-Reset")) rl.reset_unix = static_cast<std::int64_t>(*reset);
  limiter_->observe(rl, ticket);  // also without headers: the request is no longer in flight
  if (auto date = http.headers.get("Date"); date && !date->empty()) {
    std::lock_guard lock(mutex_);
    last_date_ = *date;
  }
}

Result<HttpResponse> Client::send_with_retries(const std::string& what, bool repeat_safe, bool api_call,
                                               const std::function<HttpRequest(const std::string&)>& build) {
  const RetryPolicy& policy = options_.retry;
  const auto start = clock_->monotonic_now();
  const std::string base_id = "ugc-" + random_hex(20);
  int consecutive_429 = 0;
  for (int attempt = 1;; ++attempt) {
    RateLimiter::Ticket ticket = api_call ? limiter_->acquire() : 0;
    std::string request_id = attempt == 1 ? base_id : base_id + "-" + std::to_string(attempt);
    HttpRequest http = build(request_id);
    stats_.attempts++;
    if (attempt > 1) stats_.retries++;
    stats_.bytes_sent += body_bytes(http);

    auto sent = transport_->send(http);
    std::optional<Error> failure;
    FailureClass cls = FailureClass::final;
    std::optional<Clock::duration> retry_after;
    if (sent.ok()) {
      HttpResponse& resp = *sent;
      stats_.bytes_received += resp.body.size();
      if (api_call) observe(resp, ticket);
      std::string server_id = response_request_id(resp.headers);
      spdlog::debug("{}", log::redact(fmt::format("{} -> HTTP {} (request {}, attempt {})", what, resp.status,
                                                  server_id.empty() ? request_id : server_id, attempt)));
      if (resp.status >= 200 && resp.status <= 299) return std::move(resp);
      cls = classify_status(resp.status);
      if (resp.status == 429) {
        stats_.rate_limited++;
        // Capped at a day: anything longer is beyond every retry budget anyway.
        if (auto ra = header_number(resp.headers, "Retry-After"); ra && *ra >= 0)
          retry_after = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::min(*ra, 86400.0)));
      }
      if (api_call) {
        failure = error_from_response(what, server_id, resp);
        // An analytics refresh inside its cooldown is a refusal of that one
        // account, not the key's rate limit: final, and nobody pauses (§10.4).
        if (resp.status == 429 && failure->code() == kAnalyticsRefreshCooldown) cls = FailureClass::final;
      } else {
        // Not a TokPortal answer (presigned storage): its body may echo the
        // signed URL's parameters, so only the status is reported.
        failure = Error(error_kind_for_status(resp.status), what + ": HTTP " + std::to_string(resp.status));
      }
    } else {
      const Error& e = sent.error();
      if (api_call) limiter_->abandon();
      cls = classify_transport_error(e);
      failure = Error(e.kind(), log::redact(what + " (request " + request_id + "): " + e.message()), e.code());
      spdlog::debug("{}", failure->message());
    }

    bool may_retry = cls == FailureClass::retry_always || cls == FailureClass::rate_limited ||
                     (cls == FailureClass::retry_if_safe && repeat_safe);
    auto give_up = [&](const std::string& why) {
      stats_.failures++;
      return Error(failure->kind(), failure->message() + why, failure->code());
    };
    if (!may_retry) {
      if (cls == FailureClass::retry_if_safe)
        return give_up(" (not retried: the request may have run and carries no idempotency key)");
      return give_up("");
    }
    if (attempt >= policy.max_attempts)
      return give_up(" (gave up after " + std::to_string(attempt) + " attempts)");

    Clock::duration wait{};
    if (cls == FailureClass::rate_limited) {
      ++consecutive_429;
      auto authoritative = retry_after.value_or(std::chrono::seconds(1));
      // Everyone waits Retry-After; this caller adds jitter on repeated 429s
      // so the waiting workers do not all return at the same instant.
      if (api_call) limiter_->pause_for(authoritative);
      wait = authoritative + (consecutive_429 > 1 ? policy.backoff(consecutive_429 - 1, [this] { return random01(); })
                                                  : Clock::duration::zero());
    } else {
      consecutive_429 = 0;
      wait = policy.backoff(attempt, [this] { return random01(); });
    }
    auto elapsed = clock_->monotonic_now() - start;
    if (elapsed + wait > policy.max_elapsed)
      return give_up(" (gave up after " + std::to_string(attempt) + " attempts: waiting " + seconds_text(wait) +
                     " more would pass the " + seconds_text(policy.max_elapsed) + " retry budget)");
    spdlog::debug("{}", log::redact(fmt::format("{}: retrying in {} (attempt {} of {})", what, seconds_text(wait),
                                                attempt + 1, policy.max_attempts)));
    clock_->sleep(wait);
  }
}

Result<Response> Client::request(const Request& request) {
  stats_.requests++;
  const std::string what = request.describe();
  const bool mutating = is_mutating(request.method);
  const bool sensitive = is_sensitive_operation(request.method, request.path);
  if (sensitive && !request.idempotency_key.empty()) {
    stats_.failures++;
    return Error(ErrorKind::invalid_input,
                 what + ": IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE: this operation returns a secret and "
                        "refuses an Idempotency-Key; not sent (reconcile by looking the resource up instead)",
                 "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
  }
  Request effective = request;
  if (mutating && !sensitive && effective.idempotency_key.empty()) {
    // A caller without a derived key still gets safe retries within this call
    // (though not across processes: derive keys with idempotency_key()).
    effective.idempotency_key = "ugc-adhoc-" + random_hex(32);
    spdlog::debug("{}: no idempotency key given; using a one-off key", what);
  }
  const bool repeat_safe = !mutating || !effective.idempotency_key.empty();
  auto http = send_with_retries(what, repeat_safe, /*api_call=*/true,
                                [&](const std::string& rid) { return to_http(effective, rid); });
  if (!http) return http.error();
  auto parsed = parse_response(what, std::move(*http), effective.expect_json);
  if (!parsed) stats_.failures++;
  return parsed;
}

Result<std::vector<Json>> Client::request_all_pages(Request request, int per_page, int max_pages) {
  std::erase_if(request.query, [](const auto& kv) { return kv.first == "page" || kv.first == "per_page"; });
  std::vector<Json> items;
  for (int page = 1; page <= max_pages; ++page) {
    Request one = request;
    one.query.emplace_back("page", std::to_string(page));
    one.query.emplace_back("per_page", std::to_string(per_page));
    auto resp = this->request(one);
    if (!resp) return resp.error();
    const Json& data = resp->data();
    if (!data.is_array())
      return Error(ErrorKind::fatal,
                   log::redact(request.describe() + " page " + std::to_string(page) + ": " + kMalformedResponse +
                               ": \"data\" is not a list"),
                   kMalformedResponse);
    for (const auto& item : data) items.push_back(item);
    if (data.empty() || !resp->pagination || page >= resp->pagination->total_pages) return items;
  }
  return Error(ErrorKind::fatal,
               request.describe() + ": more than " + std::to_string(max_pages) + " pages; refusing to list further");
}

Status Client::put_presigned(const std::string& upload_url, const std::string& file_path,
                             const std::string& content_type, const std::string& file_sha256) {
  log::add_secret(upload_url);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file_path, ec))
    return io_error("upload " + file_path + ": not a readable file");
  stats_.requests++;
  auto http = send_with_retries("PUT <upload_url>", /*repeat_safe=*/true, /*api_call=*/false,
                                [&](const std::string&) {
                                  HttpRequest h;
                                  h.method = "PUT";
                                  h.url = upload_url;
                                  h.body_file = file_path;
                                  h.body_file_sha256 = file_sha256;
                                  if (!content_type.empty()) h.headers.add("Content-Type", content_type);
                                  h.timeout = std::chrono::minutes(30);
                                  return h;
                                });
  if (!http) return http.error();
  return {};
}

}  // namespace ugc::api
