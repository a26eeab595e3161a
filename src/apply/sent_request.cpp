#include "ugc/apply/sent_request.hpp"

#include "ugc/api/idempotency.hpp"
#include "ugc/api/upload_requests.hpp"
#include "ugc/apply/executor.hpp"

namespace ugc::apply {

Json SentRequest::key_material(const std::string& media_key) const {
  if (!multipart()) return body;
  Json fields = Json::object();
  for (const auto& [k, v] : form) fields[k] = v;
  // The file is named by its content hash, not its path: moving the
  // checkout does not change the key.
  return Json{{"form", fields}, {"file_sha256", media_key}};
}

std::string action_idempotency_key(const std::string& campaign, const std::string& action_id, std::size_t index,
                                   const Json& body) {
  return api::idempotency_key(campaign, action_id + "#" + std::to_string(index), body);
}

Result<SentRequest> prepare_request(const std::string& campaign, const plan::Action& action, std::size_t index,
                                    const Bindings& bindings) {
  if (index >= action.requests.size()) return fatal_error(action.id + ": no request #" + std::to_string(index));
  const plan::Request& r = action.requests[index];
  SentRequest sent;
  sent.method = r.method;
  auto path = bindings.substitute(r.path);
  if (!path.ok()) return path.error().with_context(action.id);
  sent.path = *path;
  if (const Json body_in_plan = plan::request_body(action, r); !body_in_plan.is_null()) {
    auto body = bindings.substitute(body_in_plan);
    if (!body.ok()) return body.error().with_context(action.id);
    sent.body = std::move(*body);
  }
  for (const auto& [k, v] : r.form) {
    auto value = bindings.substitute(v);
    if (!value.ok()) return value.error().with_context(action.id);
    sent.form[k] = *value;
  }
  sent.file = r.file;
  if (!sent.file.empty() && action.media) sent.file_sha256 = action.media->key;
  if (api::is_mutating(sent.method) && !api::is_sensitive_operation(sent.method, sent.path)) {
    std::string media_key = action.media ? action.media->key : std::string();
    sent.idempotency_key = action_idempotency_key(campaign, action.id, index, sent.key_material(media_key));
  }
  return sent;
}

api::Request to_api_request(const SentRequest& sent) {
  api::Request r;
  r.method = sent.method;
  // A path may carry a query ("/bundles?external_ref=..."): split it off.
  auto q = sent.path.find('?');
  r.path = sent.path.substr(0, q);
  if (q != std::string::npos) {
    std::string query = sent.path.substr(q + 1);
    std::size_t pos = 0;
    while (pos <= query.size()) {
      std::size_t amp = query.find('&', pos);
      std::string pair = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
      auto eq = pair.find('=');
      if (!pair.empty()) r.query.emplace_back(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
      if (amp == std::string::npos) break;
      pos = amp + 1;
    }
  }
  if (sent.multipart()) {
    api::Request upload = api::multipart_request(sent.method, r.path, sent.form, sent.file, sent.file_sha256);
    r.parts = std::move(upload.parts);
    r.timeout = upload.timeout;
  } else if (!sent.body.is_null()) {
    r.body = sent.body;
  }
  r.idempotency_key = sent.idempotency_key;
  return r;
}

Json to_json(const SentRequest& sent) {
  Json form = Json::object();
  for (const auto& [k, v] : sent.form) form[k] = v;
  return Json{{"method", sent.method}, {"path", sent.path}, {"body", sent.body},
              {"form", form},          {"file", sent.file}, {"file_sha256", sent.file_sha256},
              {"idempotency_key", sent.idempotency_key}};
}

Result<SentRequest> sent_request_from_json(const Json& json) {
  if (!json.is_object() || !json.contains("method") || !json.contains("path"))
    return invalid_input("journal entry has no request");
  SentRequest sent;
  try {
    sent.method = json.at("method").get<std::string>();
    sent.path = json.at("path").get<std::string>();
    sent.body = json.value("body", Json());
    if (json.contains("form") && json["form"].is_object())
      for (auto it = json["form"].begin(); it != json["form"].end(); ++it) sent.form[it.key()] = it.value().get<std::string>();
    sent.file = json.value("file", std::string());
    sent.file_sha256 = json.value("file_sha256", std::string());
    sent.idempotency_key = json.value("idempotency_key", std::string());
  } catch (const Json::exception& e) {
    return invalid_input(std::string("journal entry has a malformed request: ") + e.what());
  }
  return sent;
}

}  // namespace ugc::apply
