#include "ugc/api/accounts.hpp"

#include "json_fields.hpp"

namespace ugc::api {
namespace {

using detail::malformed_error;
using detail::str_field;

Result<Json> get_data(Client& client, Request request) {
  auto resp = client.request(request);
  if (!resp) return resp.error();
  return resp->data();
}

}  // namespace

Result<SavedAccount> parse_saved_account(const Json& json) {
  if (!json.is_object()) return malformed_error("account", "not a JSON object");
  SavedAccount a;
  a.id = str_field(json, "id");
  if (a.id.empty()) return malformed_error("account", "has no \"id\"");
  a.platform = str_field(json, "platform");
  a.username = str_field(json, "username");
  a.country = str_field(json, "country");
  a.status = str_field(json, "status");
  a.raw = json;
  return a;
}

Result<std::vector<SavedAccount>> list_accounts(Client& client, const AccountFilter& filter) {
  Query q;
  if (!filter.platform.empty()) q.emplace_back("platform", filter.platform);
  if (!filter.country.empty()) q.emplace_back("country", filter.country);
  if (!filter.banned.empty()) q.emplace_back("banned", filter.banned);
  auto items = client.request_all_pages(Request::get("/accounts", std::move(q)));
  if (!items) return items.error();
  std::vector<SavedAccount> out;
  for (const auto& item : *items) {
    auto a = parse_saved_account(item);
    if (!a) return a.error().with_context("GET /accounts");
    out.push_back(std::move(*a));
  }
  return out;
}

Result<Json> get_account_analytics(Client& client, const std::string& account_id) {
  return get_data(client, Request::get("/accounts/" + path_segment(account_id) + "/analytics"));
}

Result<std::vector<Json>> list_account_video_analytics(Client& client, const std::string& account_id,
                                                       const std::string& sort_by) {
  Query q;
  if (!sort_by.empty()) q.emplace_back("sort_by", sort_by);
  return client.request_all_pages(
      Request::get("/accounts/" + path_segment(account_id) + "/analytics/videos", std::move(q)));
}

Result<Json> get_video_analytics(Client& client, const std::string& video_id) {
  return get_data(client, Request::get("/videos/" + path_segment(video_id) + "/analytics"));
}

Result<Json> get_analytics_dashboard(Client& client, const Query& query) {
  return get_data(client, Request::get("/analytics", query));
}

Result<Json> get_analytics_series(Client& client, const Query& query) {
  return get_data(client, Request::get("/analytics/series", query));
}

}  // namespace ugc::api
