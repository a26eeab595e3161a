#pragma once
// Idempotency keys (docs/tokportal-api.md §1.8).
//
// Every mutating request carries an Idempotency-Key derived from what the
// request *means*, not from chance: the campaign, the action (or the
// resource's external_ref) and the canonical JSON body. A rerun after a crash,
// a timeout or a kill sends the same key, and the server replays its stored
// answer instead of charging twice. A different body gets a different key (the
// server refuses a key reused with another body).
//
// Six operations return a secret or a signed capability and refuse the header
// (HTTP 400 IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE): POST
// /upload/video, /upload/image, /webhooks, /accounts/{id}/verification-code,
// /accounts/{id}/reveal-credentials, /analytics/export/reports. The client
// refuses locally to send a key there and never retries them after the server
// may have acted. Callers make them safe by reconciling instead of retrying:
// look the resource up (e.g. list webhooks) before trying again; for uploads,
// prefer the direct multipart endpoints (/upload/video/direct,
// /upload/image/direct), which take a key like any other write.
#include <string>
#include <string_view>

#include "ugc/core/json.hpp"

namespace ugc::api {

// Compact JSON with object keys sorted: equal documents give equal text.
std::string canonical_json(const Json& body);

// "ugc-" + the first 40 hex digits of sha256(len(campaign) + ":" + campaign +
// "\n" + len(action_ref) + ":" + action_ref + "\n" + canonical_json(body)),
// lengths in decimal (so no choice of strings can make two inputs collide).
std::string idempotency_key(std::string_view campaign, std::string_view action_ref, const Json& body);

// True for the six operations that refuse an Idempotency-Key. `path` is
// relative to the base URL, without query ("/accounts/abc/reveal-credentials").
bool is_sensitive_operation(std::string_view method, std::string_view path);

// True for POST, PUT, PATCH and DELETE.
bool is_mutating(std::string_view method);

}  // namespace ugc::api
