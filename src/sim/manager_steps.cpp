#include "ugc/sim/manager_steps.hpp"

#include "ugc/sim/account_delivery.hpp"
#include "ugc/sim/video_posting.hpp"

namespace ugc::sim {

void apply_manager_step(World& world, Tenant& tenant, Bundle& b, const ManagerStep& step) {
  switch (step.kind) {
    case StepKind::bundle_accepted:
      b.status = "accepted";
      set_ext_time(b.ext, lifecycle_keys::accepted_at, step.at);
      return;
    case StepKind::account_in_review:
      submit_account_for_review(world, tenant, b, step.at);
      return;
    case StepKind::account_finalized:
      finalize_account(world, tenant, b, step.at);
      return;
    case StepKind::slot_accepted:
      accept_slot(*b.slot(step.position), step.at);
      return;
    case StepKind::slot_in_review:
      submit_slot_for_review(world, tenant, b, *b.slot(step.position), step.at);
      return;
    case StepKind::slot_finalized:
      finalize_slot(world, tenant, b, *b.slot(step.position), step.at);
      return;
    case StepKind::bundle_completed:
      b.status = "completed";
      set_ext_time(b.ext, lifecycle_keys::completed_at, step.at);
      return;
  }
}

}  // namespace ugc::sim
