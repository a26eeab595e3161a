// GET /account-bans (docs/tokportal-api.md §8.4): the ban rows POST /__sim/ban
// records in tenant.ext["account_bans"] (lifecycle_faults.cpp), remake
// resolutions included.
//   filters: since (ISO 8601 or YYYY-MM-DD: rows with updated_at >= since),
//            status, resolution, account_id, include_screenshots (accepted, no
//            screenshots are simulated); page / per_page as every list.
//   order (our choice): oldest updated_at first, so the last row of the last
//            page is the client's next watermark; ">=" re-sends rows updated
//            in the watermark's millisecond rather than missing any.
#include "ugc/sim/fields.hpp"
#include "ugc/sim/lifecycle_rules.hpp"
#include "ugc/sim/routes.hpp"

#include <algorithm>

namespace ugc::sim {
namespace {

std::optional<TimePoint> since_filter(const Call& c) {
  auto v = c.query("since");
  if (!v) return std::nullopt;
  if (auto t = parse_iso8601(*v)) return t;
  if (auto day = CivilDate::parse(*v); day.ok()) return TimePoint(day->sys_days());
  fields::invalid("since", "since must be an ISO 8601 time (2027-03-01T12:00:00Z) or a date (YYYY-MM-DD)");
}

TimePoint ban_updated_at(const Json& ban) {
  return parse_iso8601(ban.value("updated_at", std::string())).value_or(TimePoint{});
}

std::string resolution_of(const Json& ban) {
  const Json& r = ban.contains("resolution") ? ban["resolution"] : Json();
  return r.is_object() ? r.value("resolution", std::string()) : std::string();
}

Reply list_account_bans(Call& c) {
  auto [page, per_page] = fields::pagination(c);
  const auto since = since_filter(c);
  const auto status =
      fields::query_enum(c, "status", {"appeal_pending", "appeal_accepted", "appeal_refused", "no_appeal_banned"});
  const auto resolution = fields::query_enum(c, "resolution", {"refund", "remake", "no_remake"});
  fields::query_enum(c, "include_screenshots", {"true", "false"});
  const auto account_id = c.query("account_id");
  std::vector<Json> rows;
  if (c.tenant->ext.contains("account_bans"))
    for (const auto& ban : c.tenant->ext["account_bans"]) {
      if (since && ban_updated_at(ban) < *since) continue;
      if (status && ban.value("status", std::string()) != *status) continue;
      if (resolution && resolution_of(ban) != *resolution) continue;
      if (account_id && ban.value("account_id", std::string()) != *account_id) continue;
      rows.push_back(ban);
    }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Json& a, const Json& b) { return ban_updated_at(a) < ban_updated_at(b); });
  return Reply::page(Json(rows), page, per_page);
}

}  // namespace

void register_account_ban_routes(Router& router, World&, ServerHooks&) {
  router.get("/account-bans", list_account_bans);
}

}  // namespace ugc::sim
