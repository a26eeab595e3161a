#include "ugc/api/account_bans.hpp"

#include "json_fields.hpp"
#include "ugc/api/paths.hpp"

namespace ugc::api {
namespace {

using detail::int_field;
using detail::malformed_error;
using detail::str_field;

}  // namespace

Result<AccountBan> parse_account_ban(const Json& json) {
  if (!json.is_object()) return malformed_error("account ban", "not a JSON object");
  AccountBan b;
  b.id = str_field(json, "id");
  if (b.id.empty()) return malformed_error("account ban", "has no \"id\"");
  b.account_id = str_field(json, "account_id");
  if (b.account_id.empty()) return malformed_error("account ban " + b.id, "has no \"account_id\"");
  b.username = str_field(json, "username");
  b.platform = str_field(json, "platform");
  b.bundle_id = str_field(json, "bundle_id");
  b.status = str_field(json, "status");
  b.reported_at = str_field(json, "reported_at");
  b.decided_at = str_field(json, "decided_at");
  b.updated_at = str_field(json, "updated_at");
  if (auto it = json.find("resolution"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return malformed_error("account ban " + b.id, "\"resolution\" is not an object");
    b.resolution = BanResolution{str_field(*it, "resolution"), str_field(*it, "reason_code"),
                                 int_field(*it, "refund_credits"), str_field(*it, "resolved_at")};
  }
  b.raw = json;
  return b;
}

Result<std::vector<AccountBan>> list_account_bans(Client& client, const AccountBanQuery& query) {
  Query q;
  if (!query.since.empty()) q.emplace_back("since", query.since);
  if (!query.status.empty()) q.emplace_back("status", query.status);
  if (!query.account_id.empty()) q.emplace_back("account_id", query.account_id);
  auto items = client.request_all_pages(Request::get(paths::account_bans(), std::move(q)));
  if (!items) return items.error();
  std::vector<AccountBan> out;
  for (const auto& item : *items) {
    auto b = parse_account_ban(item);
    if (!b) return b.error().with_context("GET " + paths::account_bans());
    out.push_back(std::move(*b));
  }
  return out;
}

}  // namespace ugc::api
