#pragma once
// Response: a successful TokPortal answer, unwrapped from its envelope
// (docs/tokportal-api.md §1.3): `data`, optional `pagination`, and the credit
// siblings of paid writes. Unknown fields are kept in `body` and ignored.
//
// parse_response() turns a raw HttpResponse into a Response or, for non-2xx
// statuses and malformed bodies, into an ugc::Error (see api_error.hpp).
#include <cstdint>
#include <optional>
#include <string>

#include "ugc/api/transport.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"

namespace ugc::api {

struct Pagination {
  std::int64_t page = 1;
  std::int64_t per_page = 0;
  std::int64_t total = 0;
  std::int64_t total_pages = 0;
};

struct Response {
  int status = 0;
  Headers headers;
  std::string request_id;  // the server's X-TokPortal-Request-ID (or fallbacks)
  Json body;               // the whole envelope; null for 204 and text answers
  std::string text;        // the raw body of text answers (CSV, HTML)
  std::optional<Pagination> pagination;
  std::optional<std::int64_t> credits_charged;
  std::optional<std::int64_t> credits_remaining;
  std::optional<std::int64_t> credits_would_charge;
  bool dry_run = false;
  bool replayed = false;  // Idempotent-Replayed: true

  // The envelope's `data` (null when absent).
  const Json& data() const;
};

// The request id of a response, in the SDKs' order: x-tokportal-request-id,
// x-request-id, request-id, x-vercel-id. Empty when none is present.
std::string response_request_id(const Headers& headers);

// `what` names the call for error messages ("POST /bundles").
Result<Response> parse_response(const std::string& what, HttpResponse http, bool expect_json);

// `data.id ?? data.bundle_id` (create answers differ, §12). Empty if neither.
std::string id_of(const Json& data);

}  // namespace ugc::api
