#include "ugc/api/bundles.hpp"

#include "json_fields.hpp"
#include "write_call.hpp"

namespace ugc::api {
namespace {

using detail::bool_field;
using detail::int_field;
using detail::malformed_error;
using detail::with_write;
using detail::write_result;
using detail::str_field;

std::string bundle_path(const std::string& id) { return "/bundles/" + path_segment(id); }

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

Result<CreatedBundle> create_bundle(Client& client, const Json& body, const WriteOptions& write) {
  auto resp = client.request(with_write(Request::post("/bundles", body, write.idempotency_key), write));
  if (!resp) return resp.error();
  auto bundle = parse_bundle_in("POST /bundles", resp->data());
  if (!bundle) return bundle.error();
  return CreatedBundle{std::move(*bundle), charge_of(*resp)};
}

Result<CreatedBundles> create_bundles_bulk(Client& client, const Json& body, const WriteOptions& write) {
  auto resp = client.request(with_write(Request::post("/bundles/bulk", body, write.idempotency_key), write));
  if (!resp) return resp.error();
  const Json& data = resp->data();
  const Json* list = nullptr;
  if (data.is_array()) list = &data;
  else if (data.is_object() && data.contains("bundles") && data["bundles"].is_array()) list = &data["bundles"];
  if (!list) return malformed_error("POST /bundles/bulk", "no \"data.bundles\" list");
  CreatedBundles out;
  out.charge = charge_of(*resp);
  for (const auto& item : *list) {
    auto b = parse_bundle_in("POST /bundles/bulk", item);
    if (!b) return b.error();
    out.bundles.push_back(std::move(*b));
  }
  return out;
}

Result<std::vector<Bundle>> list_bundles(Client& client, const BundleFilter& filter) {
  Query q;
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) q.emplace_back(key, value);
  };
  add("external_ref", filter.external_ref);
  add("status", filter.status);
  add("bundle_type", filter.bundle_type);
  add("platform", filter.platform);
  add("account_status", filter.account_status);
  auto items = client.request_all_pages(Request::get("/bundles", std::move(q)));
  if (!items) return items.error();
  std::vector<Bundle> out;
  out.reserve(items->size());
  for (const auto& item : *items) {
    auto b = parse_bundle_in("GET /bundles", item);
    if (!b) return b.error();
    out.push_back(std::move(*b));
  }
  return out;
}

Result<std::vector<Bundle>> find_bundles_by_external_ref(Client& client, const std::string& external_ref) {
  BundleFilter f;
  f.external_ref = external_ref;
  auto all = list_bundles(client, f);
  if (!all) return all.error();
  // The server filters by exact match; re-check so a server that ignores the
  // filter cannot hand us someone else's bundle.
  std::erase_if(*all, [&](const Bundle& b) { return b.external_ref != external_ref; });
  return all;
}

Result<Bundle> get_bundle(Client& client, const std::string& id) {
  auto resp = client.request(Request::get(bundle_path(id)));
  if (!resp) return resp.error();
  return parse_bundle_in("GET /bundles/" + id, resp->data());
}

Result<Bundle> update_bundle(Client& client, const std::string& id, const Json& body, const WriteOptions& write) {
  auto resp = client.request(with_write(Request::patch(bundle_path(id), body, write.idempotency_key), write));
  if (!resp) return resp.error();
  return parse_bundle_in("PATCH /bundles/" + id, resp->data());
}

Result<WriteResult> publish_bundle(Client& client, const std::string& id, const WriteOptions& write) {
  return write_result(
      client.request(with_write(Request::post(bundle_path(id) + "/publish", std::nullopt, write.idempotency_key), write)));
}

Result<PublishReadiness> get_publish_readiness(Client& client, const std::string& id) {
  auto resp = client.request(Request::get(bundle_path(id) + "/publish-readiness"));
  if (!resp) return resp.error();
  const Json& data = resp->data();
  if (!data.is_object()) return malformed_error("GET /bundles/" + id + "/publish-readiness", "\"data\" is not an object");
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

Result<WriteResult> add_video_slots(Client& client, const std::string& id, int quantity, const WriteOptions& write) {
  return write_result(client.request(with_write(
      Request::post(bundle_path(id) + "/add-video-slots", Json{{"quantity", quantity}}, write.idempotency_key), write)));
}

Result<Json> get_bundle_account(Client& client, const std::string& id) {
  auto resp = client.request(Request::get(bundle_path(id) + "/account"));
  if (!resp) return resp.error();
  return resp->data();
}

Result<Json> configure_bundle_account(Client& client, const std::string& id, const Json& body,
                                      const WriteOptions& write) {
  auto resp =
      client.request(with_write(Request::put(bundle_path(id) + "/account", body, write.idempotency_key), write));
  if (!resp) return resp.error();
  return resp->data();
}

}  // namespace ugc::api
