#pragma once
// Loading a campaign for later stages, with what its loading linted kept for
// them. load_campaign() (parse.hpp) gives the campaign alone.
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/manifest/campaign.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::manifest {

// load_campaign's campaign with the findings of lint's content rules, which
// loading runs anyway: a later lint with dates (plan's caption review) passes
// them to lint_campaign_findings instead of running those rules again.
struct LoadedCampaign {
  Campaign campaign;
  ContentFindings content_lint;
};

// As load_campaign: the campaign, or one invalid_input Error listing every error.
Result<LoadedCampaign> load_linted_campaign(const std::string& path, const ParseOptions& options = {});

// load_linted_campaign's verdict on a parse of `path` and the lint_content of
// its campaign (empty without one): the invalid_input Error listing every
// error, or ok. For callers that lint while they do other work.
Status campaign_errors(const std::string& path, const ParseOutcome& parsed, const ContentFindings& content);

}  // namespace ugc::manifest
