// load_campaign(): what later stages (expand, plan) read. A campaign that
// `ugc validate` rejects is not loaded.
#include "ugc/manifest/load_campaign.hpp"

#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::manifest {

Result<LoadedCampaign> load_linted_campaign(const std::string& path, const ParseOptions& options) {
  ParseOutcome outcome = parse_campaign_file(path, options);
  std::vector<Diagnostic> errors;
  for (const auto& d : outcome.diagnostics)
    if (d.severity == Severity::error) errors.push_back(d);
  ContentFindings content;
  if (outcome.campaign) {
    content = lint_content(*outcome.campaign);
    for (auto& f : lint_campaign_findings(*outcome.campaign, LintOptions{}, content))
      if (f.diagnostic.severity == Severity::error) errors.push_back(std::move(f.diagnostic));
  }
  if (errors.empty() && outcome.campaign) return LoadedCampaign{std::move(*outcome.campaign), std::move(content)};
  std::string message = path + ": " + std::to_string(errors.size()) + " error(s) in the campaign";
  for (const auto& d : errors) message += "\n  " + d.str();
  return Error(ErrorKind::invalid_input, message, errors.empty() ? std::string() : errors.front().rule);
}

Result<Campaign> load_campaign(const std::string& path, const ParseOptions& options) {
  auto loaded = load_linted_campaign(path, options);
  if (!loaded.ok()) return loaded.error();
  return std::move(loaded->campaign);
}

}  // namespace ugc::manifest
