#include "ugc/plan/targeting.hpp"

#include <set>

namespace ugc::plan {
namespace {

bool action_is_targeted(const Action& action, const std::vector<std::string>& targets) {
  if (ref_matches_target(action.bundle_ref, targets)) return true;
  for (const auto& t : action.targets)
    if (ref_matches_target(t, targets)) return true;
  for (const auto& b : action.bundles)
    if (ref_matches_target(b.external_ref, targets)) return true;
  for (const auto& s : action.slots)
    if (ref_matches_target(s.external_ref, targets)) return true;
  return false;
}

// The ids of the targeted actions and, transitively, of what they depend on.
std::set<std::string> targeted_action_ids(const Plan& plan, const std::vector<std::string>& targets) {
  std::set<std::string> kept;
  std::vector<std::string> pending;
  for (const auto& a : plan.actions)
    if (action_is_targeted(a, targets)) pending.push_back(a.id);
  while (!pending.empty()) {
    const std::string id = pending.back();
    pending.pop_back();
    if (!kept.insert(id).second) continue;
    if (const Action* a = plan.find(id))
      for (const auto& dep : a->depends_on) pending.push_back(dep);
  }
  return kept;
}

template <typename T, typename Keep>
void keep_only(std::vector<T>& items, Keep keep) {
  std::vector<T> kept;
  for (auto& item : items)
    if (keep(item)) kept.push_back(std::move(item));
  items = std::move(kept);
}

}  // namespace

bool ref_matches_target(const std::string& ref, const std::vector<std::string>& targets) {
  if (ref.empty()) return false;
  for (const auto& t : targets)
    if (!t.empty() && ref.compare(0, t.size(), t) == 0) return true;
  return false;
}

Plan restrict_to_targets(Plan plan, const std::vector<std::string>& targets) {
  if (targets.empty()) return plan;
  const std::set<std::string> kept = targeted_action_ids(plan, targets);
  keep_only(plan.actions, [&kept](const Action& a) { return kept.count(a.id) > 0; });
  keep_only(plan.blocked, [&targets](const Blocked& b) { return ref_matches_target(b.target, targets); });
  keep_only(plan.notes, [&targets](const Note& n) { return ref_matches_target(n.target, targets); });
  keep_only(plan.date_shifts, [&targets](const DateShift& d) {
    return ref_matches_target(d.slot_ref, targets) || ref_matches_target(d.bundle_ref, targets);
  });
  plan.totals = compute_totals(plan);
  return plan;
}

std::string targeting_banner(const std::vector<std::string>& targets) {
  std::string list;
  for (const auto& t : targets) list += "  - " + t + "\n";
  return "\n"
         "Warning: Resource targeting is in effect\n"
         "\n"
         "This plan covers only the bundles and slots whose external_ref starts with:\n" +
         list +
         "and what they depend on. Other changes the campaign file asks for are left out, and\n"
         "bundles are bought one by one (no bulk purchase). Use -target only to repair or recover;\n"
         "then run plan and apply without it so everything matches the campaign file.\n"
         "\n";
}

}  // namespace ugc::plan
