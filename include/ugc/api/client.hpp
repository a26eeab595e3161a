#pragma once
// Client: the TokPortal API client every module uses (docs/tokportal-api.md §1).
//
// request() sends one logical call: it waits for a rate-limit token, adds the
// base URL, X-API-Key, X-Request-ID, X-TokPortal-Client, Idempotency-Key and
// dry-run headers, sends through the Transport, retries what RetryPolicy says
// is retryable (only when repeating is safe), and unwraps the envelope. Errors
// are ugc::Error values: kind from the HTTP status, code from the API, message
// "POST /bundles (request req_1): CODE: message", never containing the key.
//
// One Client is shared by all worker threads; request() is thread-safe. The
// rate limiter can be shared by several clients using the same key.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ugc/api/api_config.hpp"
#include "ugc/api/api_stats.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/api/rate_limiter.hpp"
#include "ugc/api/request.hpp"
#include "ugc/api/response.hpp"
#include "ugc/api/retry_policy.hpp"
#include "ugc/api/transport.hpp"
#include "ugc/core/date.hpp"

namespace ugc::api {

struct ClientOptions {
  std::string base_url = kDefaultBaseUrl;
  std::string api_key;
  RetryPolicy retry;
  bool dry_run = false;  // every write carries X-TokPortal-Dry-Run: true
  std::string client_name = std::string("ugc/") + UGC_VERSION;  // X-TokPortal-Client
};

class Client {
 public:
  // `clock` (never null) times retries and feeds the rate limiter. `limiter`
  // may be null: the client then makes its own on the same clock.
  Client(ClientOptions options, std::shared_ptr<Transport> transport, std::shared_ptr<Clock> clock,
         std::shared_ptr<RateLimiter> limiter = nullptr);

  Result<Response> request(const Request& request);

  // Walks every page of a list endpoint (page=1.. with per_page) and returns
  // all `data` items. Stops at page >= total_pages or an empty page; at most
  // max_pages pages.
  Result<std::vector<Json>> request_all_pages(Request request, int per_page = 100, int max_pages = 1000);

  // PUTs a file to a presigned upload_url (§7), with the given Content-Type.
  // The URL is a capability: it is registered as a secret and never logged.
  // Retried like a keyed mutation (the same bytes to the same URL). With
  // `file_sha256` the bytes are checked as they are sent (kFileChanged).
  Status put_presigned(const std::string& upload_url, const std::string& file_path,
                       const std::string& content_type, const std::string& file_sha256 = "");

  // The Date header of the most recent response: the server's "today" (UTC).
  std::optional<std::string> last_server_date() const;
  Result<CivilDate> server_today() const;

  ApiStats& stats() { return stats_; }
  RateLimiter& rate_limiter() { return *limiter_; }
  const ClientOptions& options() const { return options_; }

  // Jitter source in [0, 1); tests make it deterministic.
  void set_random(std::function<double()> uniform01);

 private:
  HttpRequest to_http(const Request& request, const std::string& request_id) const;
  // The retry loop shared by API calls and presigned uploads; returns only 2xx.
  Result<HttpResponse> send_with_retries(const std::string& what, bool repeat_safe, bool api_call,
                                         const std::function<HttpRequest(const std::string&)>& build);
  void observe(const HttpResponse& http, RateLimiter::Ticket ticket);
  double random01();

  ClientOptions options_;
  std::shared_ptr<Transport> transport_;
  std::shared_ptr<Clock> clock_;
  std::shared_ptr<RateLimiter> limiter_;
  ApiStats stats_;
  mutable std::mutex mutex_;  // guards last_date_ and random_
  std::optional<std::string> last_date_;
  std::function<double()> random_;
};

}  // namespace ugc::api
