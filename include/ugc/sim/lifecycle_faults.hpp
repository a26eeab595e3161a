#pragma once
// Lifecycle fault injection (docs/tokportal-api.md §8.2, §8.4), driven by the
// control routes POST /__sim/ban, /__sim/remake, /__sim/cancel, /__sim/corrections
// (routes_lifecycle_control.cpp) and by tests:
//  - ban: the delivered account is banned (ban row `no_appeal_banned` in
//    tenant.ext["account_bans"], account.banned), every active bundle on it is
//    cancelled (bundle.cancelled) with its unfinished slots;
//  - remake: a new delivered account on the same bundle, in_review at once;
//    a bundle the ban cancelled runs again and its slots resume; the ban is
//    resolved `remake` (account.remade, then account.in_review);
//  - cancel: TokPortal cancels one bundle (not completed/cancelled/archived)
//    without a ban, with its unfinished slots (bundle.cancelled with `reason`);
//  - corrections: the manager's reviewer sends the account (position 0) or a
//    slot in_review back to pending_corrections; the manager resubmits later.
// Each answers an error message when the fault does not apply, empty on
// success. Needs World::mu held.
#include <string>

#include "ugc/sim/world.hpp"

namespace ugc::sim {

std::string inject_ban(World& world, Tenant& tenant, const std::string& saved_account_id);
std::string inject_remake(World& world, Tenant& tenant, Bundle& bundle);
std::string inject_cancel(World& world, Tenant& tenant, Bundle& bundle, const std::string& reason);
// `position` 0: the account; else an existing slot.
std::string inject_corrections(World& world, Tenant& tenant, Bundle& bundle, int position, const std::string& comment);

}  // namespace ugc::sim
