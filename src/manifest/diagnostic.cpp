#include "ugc/manifest/diagnostic.hpp"

#include "ugc/manifest/parse.hpp"

namespace ugc::manifest {

const char* to_string(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string Diagnostic::str() const {
  return where.str() + ": " + to_string(severity) + "[" + rule + "]: " + message;
}

bool ParseOutcome::has_errors() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

}  // namespace ugc::manifest
