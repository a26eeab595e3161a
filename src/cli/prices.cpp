#include "ugc/cli/prices.hpp"

namespace ugc::cli {
namespace {
// One state file talks to one API; its last answer is the one that counts.
constexpr const char* kPricesKey = "last-apply";
}  // namespace

plan::CreditCosts plan_costs(const api::CreditCosts& c) {
  plan::CreditCosts out;
  out.account_creation = static_cast<int>(c.account_creation);
  out.video_slot = static_cast<int>(c.video_slot);
  out.edit_slot = static_cast<int>(c.edit_slot);
  out.advanced_warming_per_target = static_cast<int>(c.advanced_warming_per_term);
  return out;
}

Status remember_prices(state::Store& store, const api::CreditCosts& costs) {
  return store.credit_costs_put(kPricesKey, costs.raw);
}

Result<std::optional<RememberedPrices>> remembered_prices(state::Store& store) {
  auto cached = store.credit_costs_get(kPricesKey);
  if (!cached.ok()) return cached.error();
  if (!cached->has_value()) return std::optional<RememberedPrices>{};
  auto parsed = api::parse_credit_costs((*cached)->body);
  if (!parsed.ok()) return parsed.error().with_context("the prices kept in the state");
  return std::optional<RememberedPrices>{RememberedPrices{plan_costs(*parsed), (*cached)->fetched_at}};
}

}  // namespace ugc::cli
