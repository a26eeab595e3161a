#include "ugc/sim/idempotency.hpp"

#include "ugc/core/hash.hpp"

namespace ugc::sim {
namespace {

constexpr size_t kMaxIdempotencyKeyLength = 255;

// Same JSON with different whitespace or key order is the same body.
std::string canonical_body_hash(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, false);
  return sha256_hex(parsed.is_discarded() ? body : parsed.dump());
}

Reply replay(const IdempotencyRecord& record) {
  Reply r;
  r.status = record.status;
  r.body = Json::parse(record.response_body);
  r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

}  // namespace

StageAnswer idempotency_lookup(RequestContext& request) {
  const httplib::Request& req = request.http;
  const IdempotencyPolicy policy = request.route->policy;
  if (!req.has_header("Idempotency-Key") || policy == IdempotencyPolicy::not_applicable) return std::nullopt;
  request.idempotency_key = req.get_header_value("Idempotency-Key");
  const std::string& key = *request.idempotency_key;
  if (policy == IdempotencyPolicy::reject_sensitive)
    return Reply::error(400, "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE",
                        "This operation returns a sensitive response and does not accept an Idempotency-Key");
  if (key.empty() || key.size() > kMaxIdempotencyKeyLength)
    return Reply::error(400, "VALIDATION_ERROR", "Idempotency-Key must be 1-255 characters",
                        Json{{"field", "Idempotency-Key"}});
  request.idempotency_scope = req.method + " " + req.path + "\n" + key;
  request.body_fingerprint = canonical_body_hash(req.body);
  const auto& records = request.tenant->idempotency;
  auto it = records.find(request.idempotency_scope);
  if (it == records.end()) return std::nullopt;
  if (it->second.body_fingerprint != request.body_fingerprint)
    return Reply::error(409, "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was already used with a different request body");
  request.replayed = true;
  return replay(it->second);
}

void idempotency_store(const RequestContext& request, const Reply& reply, bool dry_run, const std::string& now_iso) {
  const bool keyed = request.idempotency_key && request.route->policy == IdempotencyPolicy::standard;
  if (!keyed || dry_run || reply.status >= 500 || reply.raw) return;
  request.tenant->idempotency[request.idempotency_scope] =
      IdempotencyRecord{request.body_fingerprint, reply.status, reply.body.dump(), now_iso};
}

}  // namespace ugc::sim
