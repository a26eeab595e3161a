#pragma once
// Comparing a saved plan with a fresh one: how `ugc apply PLANFILE` decides
// that a saved plan may run (Terraform's rule). Apply plans again from the
// campaign file and the state, with the server's prices, and runs only when the
// fresh plan does exactly what the saved one says: the same actions in the same
// order, each with the same kind, refs, requests (methods, paths, bodies,
// files, forms), state records, dependencies and credits, and the same blocked
// changes and date shifts. Notes and "today"'s source are informational and
// not compared.
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

// ok when `fresh` does exactly what `saved` says. Otherwise conflict, naming
// the first difference, e.g. "action 3 (configure_videos:ugc-wave-1-FR-tiktok-1):
// requests[0].body.videos[0].description is ... in the saved plan, ... in a fresh
// plan". When the prices differ and so do the credits, the error says so with
// both totals (the saved plan was priced offline with other prices).
Status check_same_plan(const Plan& saved, const Plan& fresh);

}  // namespace ugc::plan
