#pragma once
// Maps a TokPortal error answer to ugc::Error. The kind drives retries and exit
// codes; the code is the API's `error.code`; the message reads
// "POST /bundles (request req_1): BUNDLE_NOT_FOUND: bundle not found".
//
//   400, 401, 403, 428 and other 4xx -> invalid_input
//   402                              -> invalid_input, code INSUFFICIENT_CREDITS
//   404 -> not_found    409 -> conflict    429 -> rate_limited
//   408, 5xx                         -> transient
//
// Bodies that are not the error envelope (an HTML page from a proxy, plain
// text, truncated JSON) still give a precise error naming the status and
// content type. Messages are passed through ugc::log::redact.
#include <string>

#include "ugc/api/transport.hpp"
#include "ugc/core/error.hpp"

namespace ugc::api {

// Code used when a 2xx answer is not a valid envelope.
inline constexpr const char* kMalformedResponse = "MALFORMED_RESPONSE";

ErrorKind error_kind_for_status(int status);

// `what` is "METHOD /path"; `request_id` may be empty.
Error error_from_response(const std::string& what, const std::string& request_id, const HttpResponse& http);

}  // namespace ugc::api
