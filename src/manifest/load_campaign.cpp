// load_campaign(): what later stages (expand, plan) read. A campaign that
// `ugc validate` rejects is not loaded.
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::manifest {

Result<Campaign> load_campaign(const std::string& path, const ParseOptions& options) {
  ParseOutcome outcome = parse_campaign_file(path, options);
  std::vector<Diagnostic> errors;
  for (const auto& d : outcome.diagnostics)
    if (d.severity == Severity::error) errors.push_back(d);
  if (outcome.campaign) {
    for (auto& d : lint_campaign(*outcome.campaign, LintOptions{}))
      if (d.severity == Severity::error) errors.push_back(std::move(d));
  }
  if (errors.empty() && outcome.campaign) return std::move(*outcome.campaign);
  std::string message = path + ": " + std::to_string(errors.size()) + " error(s) in the campaign";
  for (const auto& d : errors) message += "\n  " + d.str();
  return Error(ErrorKind::invalid_input, message, errors.empty() ? std::string() : errors.front().rule);
}

}  // namespace ugc::manifest
