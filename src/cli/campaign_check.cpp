#include "ugc/cli/campaign_check.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "ugc/cli/command.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::cli {
namespace {

FileFindings check_one(const std::string& file, const CheckRequest& request) {
  FileFindings findings{file, {}};
  auto outcome = manifest::parse_campaign_file(file, manifest::ParseOptions{request.media_roots});
  findings.diagnostics = std::move(outcome.diagnostics);
  if (outcome.campaign) {
    manifest::LintOptions options{request.as_of, lint_schedule(*outcome.campaign)};
    for (auto& d : manifest::lint_campaign(*outcome.campaign, options)) findings.diagnostics.push_back(std::move(d));
  }
  if (!request.warnings)
    std::erase_if(findings.diagnostics, [](const auto& d) { return d.severity != manifest::Severity::error; });
  std::stable_sort(findings.diagnostics.begin(), findings.diagnostics.end(), [](const auto& a, const auto& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  return findings;
}

}  // namespace

// The slot dates expand assigns on a fresh state. When expansion fails (its
// causes are reported by validation) lint falls back to publish_on dates.
std::optional<std::vector<manifest::ScheduledPost>> lint_schedule(const manifest::Campaign& campaign) {
  auto desired = expand::expand_campaign(campaign);
  if (!desired) return std::nullopt;
  return lint_schedule(*desired);
}

std::vector<manifest::ScheduledPost> lint_schedule(const expand::DesiredResources& desired) {
  // Each slot's account by its bundle, looked up once (a scan of the bundles
  // per slot is quadratic: 800 million comparisons at 200,000 slots).
  std::unordered_map<std::string_view, int> account_of_bundle;
  for (const auto& b : desired.bundles) account_of_bundle[b.external_ref] = b.index;  // the last of a ref wins
  std::vector<manifest::ScheduledPost> posts;
  posts.reserve(desired.slots.size());
  for (const auto& slot : desired.slots) {
    auto it = account_of_bundle.find(slot.bundle_ref);
    const int account = it == account_of_bundle.end() ? 1 : it->second;
    posts.push_back(manifest::ScheduledPost{slot.video_id, slot.market, slot.platform, account, slot.publish_date});
  }
  return posts;
}

void add_media_root_option(CLI::App& sub, std::vector<std::string>& roots) {
  sub.add_option("--media-root", roots,
                 "Also accept media files and the profile picture under DIR (repeatable). Without it they must "
                 "resolve, symlinks followed, inside the campaign file's directory; a campaign file cannot widen this")
      ->allow_extra_args(false)  // one DIR per --media-root: never swallow the campaign file
      ->check(CLI::ExistingDirectory);
}

std::vector<FileFindings> check_campaign_files(const CheckRequest& request) {
  std::vector<FileFindings> out;
  for (const auto& file : request.files) out.push_back(check_one(file, request));
  return out;
}

FindingCounts count_findings(const std::vector<FileFindings>& findings) {
  FindingCounts n;
  for (const auto& f : findings)
    for (const auto& d : f.diagnostics) (d.severity == manifest::Severity::error ? n.errors : n.warnings)++;
  return n;
}

void print_findings_text(std::FILE* out, const std::vector<FileFindings>& findings) {
  Palette p = palette_for(out);
  for (const auto& f : findings) {
    for (const auto& d : f.diagnostics) {
      bool error = d.severity == manifest::Severity::error;
      std::fprintf(out, "%s%s:%s %s%s[%s]:%s %s\n", p.bold().c_str(), d.where.str().c_str(), p.reset().c_str(),
                   error ? p.red().c_str() : p.yellow().c_str(), manifest::to_string(d.severity), d.rule.c_str(),
                   p.reset().c_str(), d.message.c_str());
    }
  }
  auto n = count_findings(findings);
  const std::string colour = n.errors ? p.red() : n.warnings ? p.yellow() : p.green();
  std::fprintf(out, "%s%zu file%s checked: %d error%s, %d warning%s%s\n", colour.c_str(), findings.size(),
               findings.size() == 1 ? "" : "s", n.errors, n.errors == 1 ? "" : "s", n.warnings,
               n.warnings == 1 ? "" : "s", p.reset().c_str());
}

OrderedJson findings_json(const std::vector<FileFindings>& findings) {
  OrderedJson files = OrderedJson::array();
  for (const auto& f : findings) {
    OrderedJson diags = OrderedJson::array();
    for (const auto& d : f.diagnostics) {
      diags.push_back({{"severity", manifest::to_string(d.severity)},
                       {"rule", d.rule},
                       {"message", d.message},
                       {"file", d.where.file},
                       {"line", d.where.line},
                       {"column", d.where.column}});
    }
    files.push_back({{"file", f.file}, {"diagnostics", std::move(diags)}});
  }
  auto n = count_findings(findings);
  return {{"files", std::move(files)}, {"errors", n.errors}, {"warnings", n.warnings}};
}

Result<std::optional<CivilDate>> parse_as_of(const std::string& text) {
  if (text.empty()) return std::optional<CivilDate>();
  auto d = CivilDate::parse(text);
  if (!d) return invalid_input("--as-of: " + d.error().message());
  return std::optional<CivilDate>(*d);
}

FindingCounts print_findings(const std::string& format, const std::vector<FileFindings>& findings) {
  if (format == "json")
    std::printf("%s\n", findings_json(findings).dump(2).c_str());
  else
    print_findings_text(stdout, findings);
  return count_findings(findings);
}

}  // namespace ugc::cli
