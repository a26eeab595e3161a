#pragma once
// Request: one logical TokPortal API call, before the client adds the base URL,
// authentication, request id, idempotency and dry-run headers. Retries of the
// same Request reuse its idempotency key.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ugc/api/transport.hpp"
#include "ugc/core/json.hpp"

namespace ugc::api {

using Query = std::vector<std::pair<std::string, std::string>>;  // repeatable keys allowed

struct Request {
  std::string method = "GET";
  std::string path;  // relative to the base URL; build ids in with path_segment()
  Query query;
  std::optional<Json> body;          // sent as application/json
  std::vector<MultipartPart> parts;  // multipart/form-data instead of JSON
  // Required on mutations except the six sensitive operations, which must
  // leave it empty (see idempotency.hpp). Derive it with idempotency_key().
  std::string idempotency_key;
  bool dry_run = false;     // X-TokPortal-Dry-Run: true (writes only)
  bool expect_json = true;  // false for the CSV and HTML exports
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};

  static Request get(std::string path, Query query = {});
  static Request post(std::string path, std::optional<Json> body, std::string idempotency_key);
  static Request put(std::string path, Json body, std::string idempotency_key);
  static Request patch(std::string path, Json body, std::string idempotency_key);

  // "POST /bundles": how errors and logs name the call.
  std::string describe() const;
};

// Percent-encodes one path segment (an id) so it cannot change the path.
std::string path_segment(std::string_view id);
// Percent-encodes a query key or value (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view text);

}  // namespace ugc::api
