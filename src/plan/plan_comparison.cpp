#include "ugc/plan/plan_comparison.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "ugc/plan/plan_json.hpp"

namespace ugc::plan {
namespace {

// Where two documents first differ, with both values as JSON text.
struct JsonDifference {
  std::string where;
  std::string saved;
  std::string fresh;
};

std::string json_excerpt(const OrderedJson& value) {
  constexpr std::size_t kMax = 80;
  std::string text = value.dump();
  return text.size() <= kMax ? text : text.substr(0, kMax) + "...";
}

std::string member_path(const std::string& where, const std::string& key) {
  return where.empty() ? key : where + "." + key;
}

std::optional<JsonDifference> first_difference(const OrderedJson& saved, const OrderedJson& fresh,
                                               const std::string& where) {
  if (saved.is_object() && fresh.is_object()) {
    for (const auto& [key, value] : saved.items()) {
      auto other = fresh.find(key);
      if (other == fresh.end()) return JsonDifference{member_path(where, key), json_excerpt(value), "(absent)"};
      if (auto d = first_difference(value, *other, member_path(where, key))) return d;
    }
    for (const auto& [key, value] : fresh.items())
      if (!saved.contains(key)) return JsonDifference{member_path(where, key), "(absent)", json_excerpt(value)};
    return std::nullopt;
  }
  if (saved.is_array() && fresh.is_array()) {
    const std::size_t common = std::min(saved.size(), fresh.size());
    for (std::size_t i = 0; i < common; ++i)
      if (auto d = first_difference(saved[i], fresh[i], where + "[" + std::to_string(i) + "]")) return d;
    if (saved.size() == fresh.size()) return std::nullopt;
    const std::string at = where + "[" + std::to_string(common) + "]";
    return saved.size() > fresh.size() ? JsonDifference{at, json_excerpt(saved[common]), "(absent)"}
                                       : JsonDifference{at, "(absent)", json_excerpt(fresh[common])};
  }
  if (saved == fresh) return std::nullopt;
  return JsonDifference{where, json_excerpt(saved), json_excerpt(fresh)};
}

// An action's JSON with what it sends and records first, so the first
// difference named is the one that matters most; credits are compared apart.
OrderedJson comparable_action(const Action& action) {
  static const char* const kFirst[] = {"id", "kind", "bundle_ref", "requests", "records", "publishes_bundle",
                                       "depends_on", "targets"};
  OrderedJson all = action_to_json(action);
  OrderedJson out = OrderedJson::object();
  for (const char* key : kFirst)
    if (all.contains(key)) out[key] = all[key];
  for (const auto& [key, value] : all.items())
    if (key != "credits" && !out.contains(key)) out[key] = value;
  return out;
}

std::string action_label(std::size_t index, const Action& action) {
  return "action " + std::to_string(index + 1) + " (" + action.id + ")";
}

Error plan_differs(const std::string& what) {
  return conflict("the saved plan differs from a fresh plan of the campaign file and the state: " + what +
                  "; it was edited, or made by another ugc: run `ugc plan --out` again");
}

Error difference_error(const std::string& subject, const JsonDifference& d) {
  return plan_differs(subject + ": " + (d.where.empty() ? "" : d.where + " is ") + d.saved + " in the saved plan, " +
                 d.fresh + " in a fresh plan");
}

bool same_costs(const CreditCosts& a, const CreditCosts& b) {
  return a.account_creation == b.account_creation && a.video_slot == b.video_slot && a.edit_slot == b.edit_slot &&
         a.niche_warming == b.niche_warming && a.advanced_warming_per_target == b.advanced_warming_per_target;
}

Status check_same_actions(const Plan& saved, const Plan& fresh) {
  const std::size_t common = std::min(saved.actions.size(), fresh.actions.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (auto d = first_difference(comparable_action(saved.actions[i]), comparable_action(fresh.actions[i]), ""))
      return difference_error(action_label(i, saved.actions[i]), *d);
  }
  if (saved.actions.size() > common)
    return plan_differs(action_label(common, saved.actions[common]) + " is not in a fresh plan (the saved plan has " +
                   std::to_string(saved.actions.size()) + " actions, a fresh plan " +
                   std::to_string(fresh.actions.size()) + ")");
  if (fresh.actions.size() > common)
    return plan_differs(action_label(common, fresh.actions[common]) + " of a fresh plan is not in the saved plan (" +
                   std::to_string(saved.actions.size()) + " actions saved, " + std::to_string(fresh.actions.size()) +
                   " fresh)");
  return {};
}

Status check_same_prices(const Plan& saved, const Plan& fresh) {
  const Totals saved_totals = compute_totals(saved), fresh_totals = compute_totals(fresh);
  if (same_costs(saved.costs, fresh.costs) || saved_totals.credits == fresh_totals.credits) return {};
  return conflict("the server's prices (GET /credit-costs) differ from those this plan was priced with: the plan "
                    "says " + std::to_string(saved_totals.credits) + " credits, at the server's prices it costs " +
                    std::to_string(fresh_totals.credits) +
                    " credits. Refused before spending anything; run `ugc plan --out` again (it now prices with the server's "
                    "prices) and review the new total");
}

// After check_same_actions: the actions line up one to one.
Status check_same_action_credits(const Plan& saved, const Plan& fresh) {
  const Totals saved_totals = compute_totals(saved), fresh_totals = compute_totals(fresh);
  for (std::size_t i = 0; i < saved.actions.size() && i < fresh.actions.size(); ++i) {
    if (saved.actions[i].credits != fresh.actions[i].credits)
      return plan_differs(action_label(i, saved.actions[i]) + ": credits is " + std::to_string(saved.actions[i].credits) +
                     " in the saved plan, " + std::to_string(fresh.actions[i].credits) + " in a fresh plan (" +
                     std::to_string(saved_totals.credits) + " credits saved in all, " +
                     std::to_string(fresh_totals.credits) + " fresh)");
  }
  return {};
}

}  // namespace

Status check_same_plan(const Plan& saved, const Plan& fresh) {
  if (saved.campaign != fresh.campaign)
    return plan_differs("campaign is '" + saved.campaign + "' in the saved plan, '" + fresh.campaign + "' in a fresh plan");
  // Prices first: a plan priced offline with other prices is the common case,
  // and its message should say so rather than name some action.
  UGC_TRY(check_same_prices(saved, fresh));
  UGC_TRY(check_same_actions(saved, fresh));
  UGC_TRY(check_same_action_credits(saved, fresh));
  const OrderedJson saved_json = plan_to_json(saved), fresh_json = plan_to_json(fresh);
  for (const char* part : {"blocked", "date_shifts"}) {
    if (auto d = first_difference(saved_json[part], fresh_json[part], part)) return difference_error("changes not run", *d);
  }
  return {};
}

}  // namespace ugc::plan
