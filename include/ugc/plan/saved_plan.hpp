#pragma once
// Saved plans: `ugc plan FILE --out F` writes the plan so that `ugc apply F`
// runs exactly it. A saved plan is RE-VERIFIED, NOT TRUSTED: its checksum is a
// plain sha256 that anyone can recompute, so it only catches accidental damage.
// What makes a saved plan safe is that apply plans again from the campaign file
// and the state and refuses unless the result is exactly the saved plan
// (plan_comparison.hpp, Terraform's rule).
//
// The file (format kSavedPlanFormatVersion, written atomically: temp file +
// rename) holds the plan's JSON form (plan_json.hpp) and what the plan is
// bound to besides its content: the state id of the state file it was made
// from (state::Store::state_id; empty when no state file existed yet) and the
// planning options needed to plan again the same way.
#include <string>
#include <string_view>

#include "ugc/core/byte_sink.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

// Version 1 was the bare plan document; version 2 wraps it with its binding.
inline constexpr int kSavedPlanFormatVersion = 2;

struct SavedPlan {
  Plan plan;
  std::string state_id;     // empty: made before any state file existed
  bool bulk_create = true;  // false: planned with --no-bulk
};

Status save_plan(const SavedPlan& saved, const std::string& path);

// The file's JSON document, with `checksum` as its last key.
OrderedJson saved_plan_to_json(const SavedPlan& saved);
// The file's bytes, saved_plan_to_json(saved).dump(2) + "\n", streamed into
// `out` without building the document.
void write_saved_plan_json(const SavedPlan& saved, ByteSink& out);

// Parses and checks a saved plan's text. Errors (invalid_input): not JSON, not
// a saved plan, a format version other than kSavedPlanFormatVersion, checksum
// mismatch, a malformed plan. Never trusts the content beyond its shape.
Result<SavedPlan> parse_saved_plan(std::string_view text);

// Reads and parses a saved plan; io error when unreadable. Errors name the file.
Result<SavedPlan> load_saved_plan(const std::string& path);

// What the plan was made from, to compare with what apply finds.
struct PlanBasis {
  std::string campaign_sha256;  // of the campaign file now
  std::string state_id;         // of the state file now
  long long state_serial = 0;
};

// conflict when the plan was made for another state file, or its campaign
// file or state changed since: the plan was made for a world that no longer
// exists; plan again. A plan made without a state file fits only a state that
// still records nothing (serial 0).
Status check_plan_basis(const SavedPlan& saved, const PlanBasis& now);

}  // namespace ugc::plan
