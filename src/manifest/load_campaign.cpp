// load_campaign(): what later stages (expand, plan) read. A campaign that
// `ugc validate` rejects is not loaded.
#include "ugc/manifest/load_campaign.hpp"

#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::manifest {
namespace {

// The errors of `content`, each video's where it was: loading rejects a
// campaign on errors only, and need not copy every warning to find them.
ContentFindings content_errors(const ContentFindings& content) {
  ContentFindings errors;
  errors.video_end.reserve(content.video_end.size());
  std::size_t next = 0;
  for (std::size_t end : content.video_end) {
    for (; next < end && next < content.findings.size(); ++next)
      if (content.findings[next].diagnostic.severity == Severity::error) errors.findings.push_back(content.findings[next]);
    errors.video_end.push_back(errors.findings.size());
  }
  return errors;
}

}  // namespace

Status campaign_errors(const std::string& path, const ParseOutcome& parsed, const ContentFindings& content) {
  std::vector<Diagnostic> errors;
  for (const auto& d : parsed.diagnostics)
    if (d.severity == Severity::error) errors.push_back(d);
  if (parsed.campaign)
    for (auto& f : lint_campaign_findings(*parsed.campaign, LintOptions{}, content_errors(content)))
      if (f.diagnostic.severity == Severity::error) errors.push_back(std::move(f.diagnostic));
  if (errors.empty() && parsed.campaign) return {};
  std::string message = path + ": " + std::to_string(errors.size()) + " error(s) in the campaign";
  for (const auto& d : errors) message += "\n  " + d.str();
  return Error(ErrorKind::invalid_input, message, errors.empty() ? std::string() : errors.front().rule);
}

Result<LoadedCampaign> load_linted_campaign(const std::string& path, const ParseOptions& options) {
  ParseOutcome outcome = parse_campaign_file(path, options);
  ContentFindings content;
  if (outcome.campaign) content = lint_content(*outcome.campaign);
  UGC_TRY(campaign_errors(path, outcome, content));
  return LoadedCampaign{std::move(*outcome.campaign), std::move(content)};
}

Result<Campaign> load_campaign(const std::string& path, const ParseOptions& options) {
  auto loaded = load_linted_campaign(path, options);
  if (!loaded.ok()) return loaded.error();
  return std::move(loaded->campaign);
}

}  // namespace ugc::manifest
