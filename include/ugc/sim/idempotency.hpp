#pragma once
// Pipeline stage 5 (after the route is known), Idempotency-Key, by the route's
// policy: ignored on GET; on the sensitive operations 400 before anything
// runs; otherwise 1-255 characters (else 400 VALIDATION_ERROR), and a key seen
// before with the same body (same JSON after parsing: whitespace and key order
// do not matter) replays the stored answer with `Idempotent-Replayed: true`,
// with another body 409 IDEMPOTENCY_KEY_REUSED. The scope is tenant + method +
// full path + key; records live in Tenant::idempotency for the life of the world.
// Needs World::mu held.
#include <string>

#include "ugc/sim/request_context.hpp"

namespace ugc::sim {

// Needs `request.tenant` and `request.route`. Fills the idempotency fields of
// `request`; answers the error or the replay, or nullopt to run the handler.
StageAnswer idempotency_lookup(RequestContext& request);

// Stores the handler's answer for later replays: only 2xx and 4xx JSON answers
// of a real (not dry) run; 5xx and 429 mean nothing ran.
void idempotency_store(const RequestContext& request, const Reply& reply, bool dry_run, const std::string& now_iso);

}  // namespace ugc::sim
