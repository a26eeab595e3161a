#pragma once
// SentRequest: one plan request with its placeholders resolved and its
// idempotency key derived - exactly what goes on the wire, and what the
// journal keeps so that reconciliation can send the very same request again
// (same body, same key: the server replays its stored answer).
#include <map>
#include <string>

#include "ugc/api/request.hpp"
#include "ugc/apply/bindings.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::apply {

struct SentRequest {
  std::string method;
  std::string path;
  Json body;                               // null for multipart
  std::map<std::string, std::string> form;  // multipart fields besides `file`
  std::string file;                         // local file sent as the `file` part
  // What `file`'s bytes must hash to: the plan's media key. Checked on the
  // bytes as they are sent, so a file changed since the plan is never
  // uploaded (nor recorded) under the planned hash.
  std::string file_sha256;
  std::string idempotency_key;              // empty for sensitive operations

  bool multipart() const { return !file.empty(); }
  // What the idempotency key and the journal's request hash cover.
  Json key_material(const std::string& media_key) const;
};

// Resolves `request` (request `index` of `action`) against `bindings`.
Result<SentRequest> prepare_request(const std::string& campaign, const plan::Action& action, std::size_t index,
                                    const Bindings& bindings);

api::Request to_api_request(const SentRequest& sent);

Json to_json(const SentRequest& sent);
Result<SentRequest> sent_request_from_json(const Json& json);

}  // namespace ugc::apply
