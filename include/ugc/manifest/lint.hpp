#pragma once
// Lint: rules about what a campaign says, beyond whether it is well formed
// (docs/design.md "Lint"): localized captions, creator disclosures, usage rights,
// platform caption limits, publish dates and the API's per-day cap, plus
// warnings about risky copy and posting patterns. Each finding has a stable rule
// id from rule_table(); a warning can be silenced per video with
// `lint: {ignore: [rule-id]}`. Errors cannot be silenced.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/manifest/campaign.hpp"
#include "ugc/manifest/diagnostic.hpp"

namespace ugc::manifest {

enum class RuleStage { read, check, lint };  // YAML reading, schema/semantics, lint_campaign()

struct RuleInfo {
  const char* id;
  Severity severity;
  RuleStage stage;
  const char* description;
};

// Every diagnostic rule id ugc emits about a campaign file, in a stable order.
const std::vector<RuleInfo>& rule_table();
const RuleInfo* find_rule(std::string_view id);

// One video slot with its date, as slot assignment placed it (expand). When the
// caller has it, lint checks dates per bundle; without it, it uses each video's
// `publish_on` and counts per market and platform.
struct ScheduledPost {
  std::string video;   // Video::id
  std::string market;  // canonical code
  Platform platform = Platform::tiktok;
  int account = 1;     // bundle index within market x platform, 1-based
  CivilDate date;
};

struct LintOptions {
  std::optional<CivilDate> as_of;  // "today" for date rules; no date-vs-today rule without it
  std::optional<std::vector<ScheduledPost>> schedule;
};

// Findings of every lint rule, warnings already filtered by each video's ignore list.
std::vector<Diagnostic> lint_campaign(const Campaign& campaign, const LintOptions& options);

// A lint finding with what it is about, for showing it beside the caption it
// concerns (plan review): the video, and the market when the rule is about
// one market (its caption, rights or date); empty market: the whole video.
struct LintFinding {
  Diagnostic diagnostic;
  std::string video;   // Video::id
  std::string market;  // canonical code, or empty
  std::string detail;  // the message without its "video '<id>': " lead
};

// lint_campaign's findings, in the same order, with their subjects.
std::vector<LintFinding> lint_campaign_findings(const Campaign& campaign, const LintOptions& options);

// The findings of the content rules: those that read only the campaign, not
// LintOptions (rights, disclosure, caption limits, reach claims, identical and
// unlocalized captions). They are most of lint's work; a caller that lints a
// campaign twice (load_campaign, then plan with dates) runs them once.
struct ContentFindings {
  std::vector<LintFinding> findings;   // in the campaign's video order
  std::vector<std::size_t> video_end;  // the findings of videos[i] end at findings[video_end[i]]
};
ContentFindings lint_content(const Campaign& campaign);

// lint_campaign_findings(campaign, options) with the content rules' findings
// taken from `content` (lint_content of this campaign) instead of run again;
// only the date rules run. Content of another campaign (a different number of
// videos) is not trusted: the content rules run then.
std::vector<LintFinding> lint_campaign_findings(const Campaign& campaign, const LintOptions& options,
                                                ContentFindings content);

}  // namespace ugc::manifest
