#pragma once
// What a run that carries out a plan (`ugc apply`, `ugc reconcile`) records in
// the run history (state/runs.hpp), and where the record's facts come from:
// this host and user, the git commit of the campaign file's work tree, the
// plan as a saved-plan document, and apply's result document. A run records
// itself once, at its end; failing to record is a warning, never the run's
// error (what the run did to TokPortal is already in state and journal).
#include <string>

#include "ugc/apply/outcome.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/runs.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {

struct RunOrigin {
  std::string host;
  std::string user;
  std::string git_commit;  // "" outside a git work tree; "<sha>-dirty" when the file differs from HEAD
};

// Where a run happens, for a campaign file at `file`.
RunOrigin run_origin(const std::string& file);

// `clock`'s wall time as "YYYY-MM-DDTHH:MM:SSZ".
std::string iso_utc_now(Clock& clock);

// A record of `command` for `plan`: campaign, file, hash, origin, planned
// counts, and the plan as the saved-plan JSON document bound to `state_id`.
state::RunRecord run_record_for(const std::string& command, const std::string& started_at, const plan::Plan& plan,
                                const std::string& state_id, bool bulk_create);

// Counts and the results document of an executed plan; outcome "applied" or "partial".
void add_results(state::RunRecord& record, const apply::ApplyResult& result, int exit_code);

// state::record_run, with a warning on stderr when it fails.
void record_run_or_warn(state::Store& store, const state::RunRecord& record);

}  // namespace ugc::cli
