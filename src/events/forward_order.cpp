#include "ugc/events/forward_order.hpp"

namespace ugc::events {
namespace {

// A string or integer member of `data` as text; empty otherwise.
std::string data_member(const Json& envelope, const char* name) {
  const auto data = envelope.find("data");
  if (data == envelope.end() || !data->is_object()) return {};
  const auto value = data->find(name);
  if (value == data->end()) return {};
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return value->dump();
  return {};
}

}  // namespace

std::string forward_order_key(const WebhookEvent& event) {
  if (std::string id = data_member(event.envelope, "bundle_id"); !id.empty()) return "bundle:" + id;
  if (std::string ref = data_member(event.envelope, "external_ref"); !ref.empty()) return "ref:" + ref;
  return "event:" + event.id;
}

}  // namespace ugc::events
