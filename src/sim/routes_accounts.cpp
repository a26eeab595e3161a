// Delivered (saved) accounts: GET /accounts, /accounts/{id}, /accounts/{id}/bundles (§10.1).
// SIM-LIFE's lifecycle creates them when an account reaches in_review.
#include "ugc/sim/routes.hpp"

#include "ugc/sim/countries.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

SavedAccount& owned_account(Call& c) {
  const std::string& id = c.param("id");
  auto it = c.tenant->saved_accounts.find(id);
  if (it != c.tenant->saved_accounts.end()) return it->second;
  for (auto& [h, other] : c.world.tenants)
    if (&other != c.tenant && other.saved_accounts.count(id))
      fail(403, "SAVED_ACCOUNT_NOT_OWNED", "This account belongs to another user", Json{{"account_id", id}});
  fail(404, "SAVED_ACCOUNT_NOT_FOUND", "Delivered account not found", Json{{"account_id", id}});
}

bool same_country(const std::string& stored, const std::string& query) {
  if (stored == query) return true;
  auto a = canonical_country(stored), b = canonical_country(query);
  return a && b && *a == *b;
}

}  // namespace

void register_saved_account_routes(Router& router, World&, ServerHooks&) {
  router.get("/accounts", [](Call& c) {
    auto [page, per_page] = fields::pagination(c);
    auto platform = fields::query_enum(c, "platform", {"tiktok", "instagram"});
    auto banned = fields::query_enum(c, "banned", {"true", "false"});
    auto country = c.query("country");
    Json items = Json::array();
    for (const auto& [id, a] : c.tenant->saved_accounts) {
      if (platform && a.platform != *platform) continue;
      if (banned && a.banned != (*banned == "true")) continue;
      if (country && !same_country(a.country, *country)) continue;
      items.push_back(saved_account_json(a));
    }
    return Reply::page(items, page, per_page);
  });
  router.get("/accounts/{id}", [](Call& c) { return Reply::data(saved_account_json(owned_account(c))); });
  router.get("/accounts/{id}/bundles", [](Call& c) {
    auto [page, per_page] = fields::pagination(c);
    const SavedAccount& a = owned_account(c);
    auto status = c.query("status");
    Json items = Json::array();
    for (const auto& id : c.tenant->bundle_order) {
      const Bundle& b = c.tenant->bundles.at(id);
      if (b.saved_account_id != a.id) continue;
      if (status && b.status != *status) continue;
      items.push_back(bundle_json(b));
    }
    return Reply::page(items, page, per_page);
  });
}

}  // namespace ugc::sim
