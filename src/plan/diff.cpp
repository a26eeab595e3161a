// The planner's run, in plan order: decide what each desired bundle needs
// (decisions.hpp), then build the actions (actions.hpp): renames, creates,
// uploads, each bundle's own actions, removals. The order of these calls is
// the order of the plan's actions, notes, blocked changes and date shifts.
#include "ugc/plan/diff.hpp"

#include <utility>

#include "actions.hpp"
#include "decisions.hpp"
#include "planning.hpp"
#include "replacements.hpp"
#include "resource_index.hpp"
#include "ugc/expand/expand.hpp"

namespace ugc::plan {
namespace {

void start_plan(Planning& p, const state::KnownResources& known) {
  Plan& plan = p.plan;
  plan.campaign = p.index.desired().campaign;
  plan.campaign_file = p.inputs.campaign_file;
  plan.campaign_sha256 = p.inputs.campaign_sha256;
  plan.state_serial = known.serial;
  plan.today = p.inputs.today;
  plan.today_source = p.inputs.today_source;
  plan.costs = p.inputs.costs;
  for (const auto& n : p.index.view().notes) plan.notes.push_back(n);
}

}  // namespace

Plan plan_resources(expand::DesiredResources desired, const state::KnownResources& known,
                    const PlanInputs& inputs) {
  const expand::DesiredResources replaced = with_replacements(std::move(desired), known);
  const ResourceIndex index(replaced, known);
  Planning p(inputs, index);
  start_plan(p, known);
  std::vector<BundleWork> work;
  for (const auto& b : replaced.bundles)
    if (auto w = decide_bundle(p, b)) work.push_back(std::move(*w));
  emit_renames(p, work);
  emit_creates(p, work);
  emit_uploads(p, work);
  for (auto& w : work) {
    emit_bundle_actions(p, w);
    w = BundleWork{};  // its slots are in the actions now: the next bundle's reuse the memory
  }
  emit_removals(p);
  p.plan.totals = compute_totals(p.plan);
  return std::move(p.plan);
}

expand::SlotAssignment recorded_places(const state::KnownResources& known) {
  expand::SlotAssignment places;
  places.reserve(known.slots.size());
  for (const auto& s : known.slots) places[s.external_ref] = {s.bundle_ref, s.position};
  return places;
}

Result<Plan> plan_campaign(const manifest::Campaign& campaign, const state::KnownResources& known,
                           const PlanInputs& inputs) {
  auto desired = expand::expand_campaign(campaign, recorded_places(known));
  if (!desired) return desired.error();
  return plan_resources(std::move(*desired), known, inputs);
}

}  // namespace ugc::plan
