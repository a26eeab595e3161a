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

}  // namespace ugc::cli
