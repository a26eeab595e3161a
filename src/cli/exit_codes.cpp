#include "ugc/cli/exit_codes.hpp"

namespace ugc::cli {

// Every kind exits 1 today: scripts tell failures apart by the message and by
// apply's JSON document, not by the code. No default, so a new kind is a
// -Wswitch warning here until someone decides its code.
int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input:
    case ErrorKind::not_found:
    case ErrorKind::conflict:
    case ErrorKind::rate_limited:
    case ErrorKind::transient:
    case ErrorKind::io:
    case ErrorKind::fatal:
      return kExitError;
  }
  return kExitError;
}

const char* exit_codes_help() {
  return "Exit codes: 0 success; 1 error (bad input, stale plan, lock held, no confirmation: nothing applied); "
         "2 plan --detailed-exitcode: changes (reconcile: changes applied); 3 partial apply, import, pull or "
         "reconcile (some actions or campaigns failed; rerun to carry on); 4 status: needs attention; 5 reconcile "
         "guardrail stop; 130 interrupted. Troubleshooting: docs/troubleshooting.md";
}

}  // namespace ugc::cli
