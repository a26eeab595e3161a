#pragma once
// Reading a campaign file: YAML -> Campaign, with every problem found reported
// as a Diagnostic (file:line:column, rule id, what would be valid), not only
// the first one.
#include <optional>
#include <string>
#include <vector>

#include "ugc/manifest/campaign.hpp"
#include "ugc/manifest/diagnostic.hpp"

namespace ugc::manifest {

// How a campaign file is read. Only the command line sets these: nothing in
// the file can widen where its media may come from.
struct ParseOptions {
  // Media files and the profile picture must resolve, symlinks followed,
  // inside the campaign file's directory or one of these (--media-root).
  std::vector<std::string> media_roots;
};

struct ParseOutcome {
  std::optional<Campaign> campaign;  // set when there are no errors
  std::vector<Diagnostic> diagnostics;
  bool has_errors() const;
};

// Parses and checks the schema and semantics of the file at `path`; reads media
// files to check their type and hash them. Never throws.
ParseOutcome parse_campaign_file(const std::string& path, const ParseOptions& options = {});
// The same from text already in memory; `path` names it in diagnostics and
// anchors relative media paths.
ParseOutcome parse_campaign_text(const std::string& text, const std::string& path, const ParseOptions& options = {});

// Convenience for later stages: the Campaign, or one invalid_input Error whose
// message lists every error diagnostic.
Result<Campaign> load_campaign(const std::string& path, const ParseOptions& options = {});

}  // namespace ugc::manifest
