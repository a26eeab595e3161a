#include "ugc/core/error.hpp"

namespace ugc {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input: return "invalid input";
    case ErrorKind::not_found: return "not found";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::rate_limited: return "rate limited";
    case ErrorKind::transient: return "transient";
    case ErrorKind::io: return "i/o";
    case ErrorKind::fatal: return "fatal";
  }
  return "unknown";
}

Error Error::with_context(const std::string& context) const {
  return Error(kind_, context + ": " + message_, code_);
}

}  // namespace ugc
