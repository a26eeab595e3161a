#pragma once
// Deciding what one desired bundle needs before any action is built: is it
// blocked, does its account profile change, which slots are configured,
// patched or left alone, is it published in this plan. Blocked changes and
// notes go straight into the plan; the rest into BundleWork.
// Private to module plan.
#include <optional>

#include "bundle_work.hpp"
#include "lifecycle.hpp"
#include "planning.hpp"

namespace ugc::plan {

// nullopt when the bundle is held back by a block (nothing of it is touched).
std::optional<BundleWork> decide_bundle(Planning& p, const expand::DesiredBundle& want);

// The parts decide_bundle runs, in this order.
void decide_account(Planning& p, BundleWork& work);
void decide_slots(Planning& p, BundleWork& work);
void decide_publish(Planning& p, BundleWork& work);

}  // namespace ugc::plan
