#pragma once
// Account delivery (docs/tokportal-api.md §5.10, §10.1): the manager creating the
// account of a new-account bundle and the account's review. Delivering
// creates the SavedAccount (GET /accounts) from the bundle's profile, with a
// 2-letter country (USA -> US, UK -> GB), a platform-shaped profile_url and
// `<username>@tokmail.sim`, links it as the bundle's saved_account_id, and puts
// the bundle account in_review. A remake (lifecycle_faults.hpp) delivers a new
// saved account on the same bundle. Needs World::mu held.
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// Creates the delivered account of `bundle` at `at` and links it (saved_account_id).
SavedAccount& create_saved_account(World& world, Tenant& tenant, Bundle& bundle, TimePoint at);

// Manager step account_in_review: the first delivery (creates the saved
// account) or the resubmission after corrections. Emits account.in_review.
void submit_account_for_review(World& world, Tenant& tenant, Bundle& bundle, TimePoint at);

// Manager auto-finalize, or the client's POST .../account/finalize. Emits account.finalized.
void finalize_account(World& world, Tenant& tenant, Bundle& bundle, TimePoint at);

}  // namespace ugc::sim
