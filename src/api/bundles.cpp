#include "ugc/api/bundles.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

using detail::bool_field;
using detail::int_field;
using detail::malformed_error;
using detail::str_field;

Result<Bundle> parse_bundle_in(const std::string& what, const Json& json) {
  auto b = parse_bundle(json);
  if (!b) return b.error().with_context(what);
  return b;
}

}  // namespace

Result<Bundle> parse_bundle(const Json& json) {
  if (!json.is_object()) return malformed_error("bundle", "not a JSON object");
  Bundle b;
  b.id = id_of(json);
  if (b.id.empty()) return malformed_error("bundle", "has neither \"id\" nor \"bundle_id\"");
  b.external_ref = str_field(json, "external_ref");
  b.title = str_field(json, "title");
  b.status = str_field(json, "status");
  b.bundle_type = str_field(json, "bundle_type");
  b.platform = str_field(json, "platform");
  b.country = str_field(json, "country");
  b.account_status = str_field(json, "account_status");
  b.saved_account_id = str_field(json, "saved_account_id");
  b.videos_quantity = int_field(json, "videos_quantity");
  b.edits_quantity = int_field(json, "edits_quantity");
  b.videos_configured_count = int_field(json, "videos_configured_count");
  b.is_published = bool_field(json, "is_published");
  b.account_configured = bool_field(json, "account_configured");
  b.raw = json;
  return b;
}

Result<std::vector<Bundle>> parse_created_bundles(const Json& data) {
  const std::string what = "POST " + paths::bundles_bulk();
  const Json* list = data.is_array() ? &data : nullptr;
  if (data.is_object())
    if (auto it = data.find("bundles"); it != data.end() && it->is_array()) list = &*it;
  if (!list) return malformed_error(what, "no \"data.bundles\" list");
  std::vector<Bundle> out;
  for (const auto& item : *list) {
    auto b = parse_bundle_in(what, item);
    if (!b) return b.error();
    out.push_back(std::move(*b));
  }
  return out;
}

Result<std::vector<Bundle>> list_bundles(Client& client) {
  auto items = client.request_all_pages(Request::get(paths::bundles()));
  if (!items) return items.error();
  std::vector<Bundle> out;
  out.reserve(items->size());
  for (const auto& item : *items) {
    auto b = parse_bundle_in("GET " + paths::bundles(), item);
    if (!b) return b.error();
    out.push_back(std::move(*b));
  }
  return out;
}

Result<std::vector<Bundle>> find_bundles_by_external_ref(Client& client, const std::string& external_ref) {
  auto items = client.request_all_pages(Request::get(paths::bundles(), Query{{"external_ref", external_ref}}));
  if (!items) return items.error();
  std::vector<Bundle> out;
  for (const auto& item : *items) {
    auto b = parse_bundle_in("GET " + paths::bundles(), item);
    if (!b) return b.error();
    // The server filters by exact match; re-check so a server that ignores
    // the filter cannot hand us someone else's bundle.
    if (b->external_ref == external_ref) out.push_back(std::move(*b));
  }
  return out;
}

Result<PublishReadiness> get_publish_readiness(Client& client, const std::string& id) {
  const std::string path = paths::bundle_publish_readiness(path_segment(id));
  auto resp = client.request(Request::get(path));
  if (!resp) return resp.error();
  const Json& data = resp->data();
  if (!data.is_object()) return malformed_error("GET " + path, "\"data\" is not an object");
  PublishReadiness r;
  r.raw = data;
  if (auto it = data.find("blockers"); it != data.end() && it->is_array())
    for (const auto& b : *it) {
      ReadinessBlocker blocker{str_field(b, "code"), str_field(b, "message"), Json()};
      if (b.is_object() && b.contains("details")) blocker.details = b["details"];
      r.blockers.push_back(std::move(blocker));
    }
  // `ready` when stated; otherwise no blockers means ready.
  auto ready = data.find("ready");
  r.ready = (ready != data.end() && ready->is_boolean()) ? ready->get<bool>() : r.blockers.empty();
  return r;
}

}  // namespace ugc::api
