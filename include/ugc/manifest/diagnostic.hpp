#pragma once
// A finding about a campaign file: an error that stops the run or a warning
// that does not (unless --strict). Rule ids are stable ("caption-not-localized")
// so users can silence warnings and tools can match on them.
#include <string>

#include "ugc/manifest/campaign.hpp"

namespace ugc::manifest {

enum class Severity { error, warning };
const char* to_string(Severity s);  // "error" | "warning"

struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule;     // stable id, e.g. "unknown-key", "missing-disclosure"
  std::string message;  // names the video, market and what would be valid
  SourceLocation where;
  std::string str() const;  // "file:line:col: error[rule]: message"
};

}  // namespace ugc::manifest
