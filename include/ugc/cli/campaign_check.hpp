#pragma once
// The shared body of `ugc validate` and `ugc lint`: read each campaign file,
// run the schema, semantic and lint checks, and render the findings as text
// (file:line:col: severity[rule]: message, colour on a TTY) or as one JSON
// document. The API's per-day cap is checked on the real slot assignment
// (expand_campaign), so lint and apply agree on which bundle a video lands in.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/core/json.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/manifest/diagnostic.hpp"
#include "ugc/manifest/lint.hpp"

namespace CLI {
class App;
}

namespace ugc::cli {

// `--media-root DIR` (repeatable) on every command that reads a campaign file
// (validate, lint, expand, plan, apply): media and the profile picture must
// resolve inside the campaign file's directory or one of these. Only the
// command line widens it, never the campaign file.
void add_media_root_option(CLI::App& sub, std::vector<std::string>& roots);

struct FileFindings {
  std::string file;
  std::vector<manifest::Diagnostic> diagnostics;  // sorted by line, then column
};

struct CheckRequest {
  std::vector<std::string> files;
  std::optional<CivilDate> as_of;
  bool warnings = true;  // false for `validate`: errors only
  std::vector<std::string> media_roots;  // --media-root
};

std::vector<FileFindings> check_campaign_files(const CheckRequest& request);

// The slot dates expand assigns on a fresh state, for lint's per-day and date
// rules; nullopt when expansion fails (validation reports why; lint then uses
// each video's publish_on).
std::optional<std::vector<manifest::ScheduledPost>> lint_schedule(const manifest::Campaign& campaign);
// The same from resources already expanded: a plan's review reads the plan's
// own expansion (the places state records kept), not a fresh state's.
std::vector<manifest::ScheduledPost> lint_schedule(const expand::DesiredResources& desired);

struct FindingCounts {
  int errors = 0;
  int warnings = 0;
};
FindingCounts count_findings(const std::vector<FileFindings>& findings);

void print_findings_text(std::FILE* out, const std::vector<FileFindings>& findings);
// {"files":[{"file","diagnostics":[{"severity","rule","message","file","line","column"}]}],"errors","warnings"}
OrderedJson findings_json(const std::vector<FileFindings>& findings);
// Prints the findings to stdout as `format` ("json" or "text"); returns their counts.
FindingCounts print_findings(const std::string& format, const std::vector<FileFindings>& findings);

// Parses --as-of; an invalid_input error names the expected format.
Result<std::optional<CivilDate>> parse_as_of(const std::string& text);

}  // namespace ugc::cli
