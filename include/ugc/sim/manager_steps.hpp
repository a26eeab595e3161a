#pragma once
// Applying one manager step (lifecycle_rules.hpp decides which step is next and
// when) to the world: bundle progression (accepted, completed) here, the
// account's steps in account_delivery.hpp, the slots' in video_posting.hpp.
// Needs World::mu held.
#include "ugc/sim/lifecycle_rules.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

void apply_manager_step(World& world, Tenant& tenant, Bundle& bundle, const ManagerStep& step);

}  // namespace ugc::sim
