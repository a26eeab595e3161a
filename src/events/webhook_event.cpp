#include "ugc/events/webhook_event.hpp"

namespace ugc::events {
namespace {

Error malformed_event(std::string message) {
  return Error(ErrorKind::invalid_input, "the delivery body " + std::move(message), kEventMalformed);
}

// A required short string member: present, a string, non-empty, not too long.
Result<std::string> required_name(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return malformed_event(std::string("has no \"") + key + "\"");
  if (!it->is_string()) return malformed_event(std::string("\"") + key + "\" is not a string");
  const auto& value = it->get_ref<const std::string&>();
  if (value.empty()) return malformed_event(std::string("\"") + key + "\" is empty");
  if (value.size() > kMaxEventIdLength)
    return malformed_event(std::string("\"") + key + "\" is longer than " + std::to_string(kMaxEventIdLength) +
                           " bytes");
  return value;
}

// An optional string member: empty when absent, an error when of another type.
Result<std::string> optional_string(const Json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return malformed_event(std::string("\"") + key + "\" is not a string");
  return it->get<std::string>();
}

}  // namespace

Result<WebhookEvent> parse_webhook_event(std::string_view raw_body) {
  Json body = Json::parse(raw_body.begin(), raw_body.end(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return malformed_event("is not JSON");
  if (!body.is_object()) return malformed_event("is not a JSON object");
  WebhookEvent event;
  auto id = required_name(body, "id");
  if (!id) return id.error();
  auto type = required_name(body, "type");
  if (!type) return type.error();
  auto api_version = optional_string(body, "api_version");
  if (!api_version) return api_version.error();
  auto created_at = optional_string(body, "created_at");
  if (!created_at) return created_at.error();
  if (auto data = body.find("data"); data != body.end() && !data->is_object() && !data->is_null())
    return malformed_event("\"data\" is not an object");
  event.id = std::move(*id);
  event.type = std::move(*type);
  event.api_version = std::move(*api_version);
  event.created_at = std::move(*created_at);
  event.envelope = std::move(body);
  return event;
}

}  // namespace ugc::events
