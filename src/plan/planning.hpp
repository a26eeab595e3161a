#pragma once
// One planning run: its inputs, the indexed resources, the Plan being built,
// and what one step tells a later one (dates taken per day, slots matched in
// place, bundles held back by a block, upload action ids). The decision and
// action files (decisions.hpp, actions.hpp) are free functions over it; the
// order diff.cpp calls them in is the order of the plan. Private to module plan.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "resource_index.hpp"
#include "string_pair_less.hpp"
#include "ugc/plan/date_rules.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

struct Planning {
  Planning(const PlanInputs& plan_inputs, const ResourceIndex& resource_index)
      : inputs(plan_inputs), index(resource_index), placed(resource_index.view().slots.size(), false) {}

  const PlanInputs& inputs;
  const ResourceIndex& index;
  Plan plan;
  DayCounts days;                       // slots dated per day per bundle (3 a day at most)
  std::vector<bool> placed;             // by KnownView::Slot::ordinal: matched to a desired slot in place
  std::set<std::string> held_bundles;   // blocked bundles: nothing of theirs is touched
  std::map<std::pair<std::string, std::string>, std::string, StringPairLess> upload_actions;  // (purpose, key) -> id

  // bundle ref -> its patch_video action ids, in plan order (publishing waits
  // for them; a scan of every action per bundle would be quadratic).
  std::map<std::string, std::vector<std::string>> patch_actions;

  Action& add(Action action) {
    if (action.kind == ActionKind::patch_video) patch_actions[action.bundle_ref].push_back(action.id);
    plan.actions.push_back(std::move(action));
    return plan.actions.back();
  }
};

// A FieldChange side: a value that exists, or none.
inline std::optional<std::string> some(const std::string& value) { return value; }
inline constexpr std::nullopt_t none = std::nullopt;

}  // namespace ugc::plan
