#pragma once
// Every exit code of `ugc`, in one place (the README repeats the table).
// Library modules return errors and results; only cli turns them into a
// process exit code.
//   0  success; for apply: every action succeeded, or there was nothing to do
//   1  error before or outside the actions: bad input, a refused or stale plan,
//      a held lock, an API error before any change, no confirmation, or an
//      internal error - nothing, or only reconciliation, was done
//   2  `plan --detailed-exitcode`: the plan has changes; `reconcile`: changes
//      were applied (0 there means nothing to do)
//   3  partial apply: some actions failed or were skipped; the rest were
//      applied and recorded, and rerunning apply carries on from there;
//      for import: some refs were ambiguous and left out, the others adopted;
//      `analytics pull`: some accounts failed, the others were stored;
//      `reconcile`: some campaigns failed (invalid file, lock held, ...)
//      while others reconciled
//   4  `status`: something needs attention (a banned account, a cancelled
//      bundle, corrections requested); the output says what
//   5  `reconcile` guardrail stop: --max-credits or --max-changes exceeded,
//      nothing was sent for that campaign
//   130  a second Ctrl-C (or SIGTERM) during apply: left at once
#include "ugc/core/error.hpp"

namespace ugc::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitError = 1,
  kExitChanges = 2,
  kExitPartial = 3,
  kExitAttention = 4,
  kExitGuardrail = 5,
  kExitInterrupted = 130,
};

// The exit code of a command that failed with an error of this kind.
int exit_code_for(ErrorKind kind);

// The table above in a line or two, for the footer of `ugc --help` and of
// every command's help (main.cpp).
const char* exit_codes_help();

}  // namespace ugc::cli
