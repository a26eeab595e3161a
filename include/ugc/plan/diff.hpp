#pragma once
// The planner: desired resources (from expand) against known resources (from
// state) -> a Plan of actions, blocked changes and notes. Pure: no I/O, no
// clock ("today" is an input), deterministic ordering, so the same inputs give
// the same plan byte for byte.
//
// Rules (docs/design.md "Plan and apply", docs/tokportal-api.md sections 4-8):
// - fewest calls: bulk create per country when several new bundles of one shape
//   share it, one batch configure per bundle (auto_publish folds the publish
//   into it), one upload per distinct media file, reused across bundles;
// - what the API cannot change (country or platform of an existing bundle, a
//   posted video, an account profile after publish) is Blocked, never dropped;
// - a video no longer in the file is unscheduled (not posted yet) or noted
//   (posted); bundles are never deleted;
// - `moved:` renames are applied to state refs first, so a rename is a PATCH of
//   external_ref, not a delete + create;
// - dates closer than the lead time allow are moved to the earliest allowed day
//   (and at most 3 per day per bundle), and listed in Plan::date_shifts.
//
// Inside module plan, diff.cpp runs the steps in plan order: what each bundle
// needs (src/plan/decisions.hpp, blocked_changes.hpp, publish_dates.hpp), then
// the actions that follow (src/plan/actions.hpp, ordered by action_order.hpp).
#include <string>
#include <vector>

#include "ugc/core/result.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/manifest/campaign.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::plan {

struct PlanInputs {
  CivilDate today;
  TodaySource today_source = TodaySource::local_clock;
  CreditCosts costs;
  bool bulk_create = true;      // use POST /bundles/bulk where it saves requests
  std::string campaign_file;    // recorded in the plan
  std::string campaign_sha256;  // recorded in the plan; checked by apply
};

// Diffs already-expanded resources. `desired.moved` holds the renames.
// Taken by value: the planner adds replacements to it (pass an rvalue to
// spare a copy of every slot).
Plan plan_resources(expand::DesiredResources desired, const state::KnownResources& known,
                    const PlanInputs& inputs);

// The slot places state records, which an expansion keeps.
expand::SlotAssignment recorded_places(const state::KnownResources& known);

// Expands `campaign` keeping the slot places recorded in `known`, then diffs.
Result<Plan> plan_campaign(const manifest::Campaign& campaign, const state::KnownResources& known,
                           const PlanInputs& inputs);

}  // namespace ugc::plan
