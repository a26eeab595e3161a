#pragma once
// Saved plans: `ugc plan FILE --out F` writes the plan so that `ugc apply F`
// runs exactly it. The file is written atomically (temp file + rename), holds
// the campaign file's sha256 and the state serial it was made from, and a
// checksum of its own content: a hand-edited plan is refused, and so is a
// plan whose campaign file or state changed since.
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

Status save_plan(const Plan& plan, const std::string& path);

// Reads and verifies a saved plan. Errors: io (unreadable), invalid_input (not
// a plan, unknown format version, or checksum mismatch = edited by hand).
Result<Plan> load_saved_plan(const std::string& path);

// conflict when the campaign file's hash or the state serial differ from the
// plan's: the plan was made for a world that no longer exists; plan again.
Status check_plan_fresh(const Plan& plan, const std::string& campaign_sha256, long long state_serial);

}  // namespace ugc::plan
