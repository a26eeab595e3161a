// ugc lint FILE... : errors and warnings; warnings fail only with --strict.
#include <memory>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/manifest/lint.hpp"

namespace ugc::cli {
namespace {

struct LintFlags {
  std::vector<std::string> files;
  std::string format = "text";
  std::string as_of;
  bool strict = false;
  bool list_rules = false;
  std::vector<std::string> media_roots;
};

const char* stage_name(manifest::RuleStage s) {
  switch (s) {
    case manifest::RuleStage::read: return "read";
    case manifest::RuleStage::check: return "check";
    case manifest::RuleStage::lint: return "lint";
  }
  return "?";
}

void print_rules(const std::string& format) {
  if (format == "json") {
    OrderedJson rules = OrderedJson::array();
    for (const auto& r : manifest::rule_table())
      rules.push_back({{"id", r.id},
                       {"severity", manifest::to_string(r.severity)},
                       {"stage", stage_name(r.stage)},
                       {"description", r.description}});
    std::printf("%s\n", rules.dump(2).c_str());
    return;
  }
  for (const auto& r : manifest::rule_table())
    std::printf("%-26s %-8s %-6s %s\n", r.id, manifest::to_string(r.severity), stage_name(r.stage), r.description);
  std::printf("\nWarnings can be silenced per video: `lint: {ignore: [rule-id]}`.\n");
}

}  // namespace

CommandRun define_lint(CLI::App& sub, std::shared_ptr<Clock>) {
  auto flags = std::make_shared<LintFlags>();
  sub.add_option("files", flags->files, "Campaign files (YAML)");
  sub.add_option("--format", flags->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub.add_option("--as-of", flags->as_of, "Today for date rules (YYYY-MM-DD); no date-vs-today check without it");
  sub.add_flag("--strict", flags->strict, "Exit 1 on warnings too");
  add_media_root_option(sub, flags->media_roots);
  sub.add_flag("--list-rules", flags->list_rules, "Print every rule id with its severity and meaning");
  return [flags]() -> Result<int> {
    if (flags->list_rules) {
      print_rules(flags->format);
      return kExitOk;
    }
    if (flags->files.empty()) return invalid_input("ugc lint: name at least one campaign file (or --list-rules)");
    auto as_of = parse_as_of(flags->as_of);
    if (!as_of) return as_of.error();
    auto findings = check_campaign_files(CheckRequest{flags->files, *as_of, /*warnings=*/true, flags->media_roots});
    auto n = print_findings(flags->format, findings);
    return n.errors || (flags->strict && n.warnings) ? kExitError : kExitOk;
  };
}

}  // namespace ugc::cli
