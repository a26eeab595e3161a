#pragma once
// Pipeline stage 6, `X-TokPortal-Dry-Run: true` on a write: the handler runs
// for real (full validation and pricing, the same answer), then the caller's
// tenant and the id stream are put back as they were, so nothing changed and
// the next real request gets the same ids as without the dry run. Handlers
// see `Call::dry_run` (create ids are then 00000000-0000-4000-8000-...).
// Needs World::mu held.
#include <httplib.h>

#include "ugc/sim/router.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// Whether the request asks for a dry run (only writes can).
bool wants_dry_run(const httplib::Request& req);

// Runs `route` on `call`, then restores `tenant` and World::id_rng.
Reply run_dry(const Route& route, Call& call, Tenant& tenant, World& world);

}  // namespace ugc::sim
