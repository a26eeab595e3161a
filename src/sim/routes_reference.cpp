// Reference data and money: /me, /countries, /platforms, /credit-costs,
// /credits/balance, /credits/history (docs/tokportal-api.md §4).
#include "ugc/sim/routes.hpp"

#include "ugc/sim/countries.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/prices.hpp"

namespace ugc::sim {
namespace {

Json country_list(const std::vector<Country>& list) {
  Json out = Json::array();
  for (const auto& c : list) out.push_back(Json{{"code", c.code}, {"name", c.name}});
  return out;
}

Json ledger_item(const LedgerEntry& e) {
  return Json{{"id", e.id},
              {"type", e.type},
              {"amount", e.amount},
              {"description", e.description},
              {"breakdown", e.breakdown},
              {"balance_after", e.balance_after},
              {"created_at", e.created_at}};
}

std::optional<CivilDate> query_date(const Call& c, const char* name) {
  auto v = c.query(name);
  if (!v) return std::nullopt;
  auto d = CivilDate::parse(*v);
  if (!d) fields::invalid(name, std::string(name) + " must be YYYY-MM-DD");
  return *d;
}

}  // namespace

void register_reference_routes(Router& router, World&, ServerHooks&) {
  router.get("/me", [](Call& c) {
    Tenant& t = *c.tenant;
    return Reply::data(Json{{"id", t.key_hash.substr(0, 8) + "-0000-4000-8000-" + t.key_hash.substr(8, 12)},
                            {"email", t.email},
                            {"credits", t.balance},
                            {"api_version", "2026-05-25"},
                            {"key_scope", "*"},
                            {"environment", "test"}});
  });
  router.get("/countries", [](Call&) {
    Reply r = Reply::data(country_list(enabled_countries()));
    r.body["videos_only_countries"] = country_list(videos_only_countries());
    return r;
  });
  router.get("/platforms", [](Call&) {
    return Reply::data(Json::array({
        {{"id", "tiktok"}, {"name", "TikTok"}, {"orderable", true}, {"account_creation_cost", price::kAccountCreation}},
        {{"id", "instagram"}, {"name", "Instagram"}, {"orderable", true}, {"account_creation_cost", price::kAccountCreation}},
        {{"id", "youtube"}, {"name", "YouTube"}, {"orderable", false}, {"account_creation_cost", price::kYoutubeAccountCreation}},
    }));
  });
  router.get("/credit-costs", [](Call&) { return Reply::data(price::price_table_json()); });
  router.get("/credits/balance", [](Call& c) {
    return Reply::data(Json{{"total_credits", c.tenant->balance},
                            {"expiring_within_7_days", 0},
                            {"upcoming_expirations", Json::array()},
                            {"last_updated", c.tenant->ledger.empty() ? c.world.now_iso() : c.tenant->ledger.back().created_at}});
  });
  router.get("/credits/history", [](Call& c) {
    auto [page, per_page] = fields::pagination(c);
    auto from = query_date(c, "date_from");
    auto to = query_date(c, "date_to");
    Json items = Json::array();
    const auto& ledger = c.tenant->ledger;
    for (auto it = ledger.rbegin(); it != ledger.rend(); ++it) {  // newest first
      const std::string day = it->created_at.substr(0, 10);
      if (from && day < from->str()) continue;
      if (to && day > to->str()) continue;
      items.push_back(ledger_item(*it));
    }
    return Reply::page(items, page, per_page);
  });
}

}  // namespace ugc::sim
