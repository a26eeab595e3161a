// ugc validate FILE... : errors only (schema, semantics, API limits, lint errors).
#include <memory>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/command.hpp"

namespace ugc::cli {
namespace {

struct ValidateFlags {
  std::vector<std::string> files;
  std::string format = "text";
  std::string as_of;
  std::vector<std::string> media_roots;
};

}  // namespace

CommandRun define_validate(CLI::App& sub, std::shared_ptr<Clock>) {
  auto flags = std::make_shared<ValidateFlags>();
  sub.add_option("files", flags->files, "Campaign files (YAML)")->required();
  sub.add_option("--format", flags->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub.add_option("--as-of", flags->as_of, "Today for date rules (YYYY-MM-DD); no date-vs-today check without it");
  add_media_root_option(sub, flags->media_roots);
  return [flags]() -> Result<int> {
    auto as_of = parse_as_of(flags->as_of);
    if (!as_of) return as_of.error();
    auto findings = check_campaign_files(CheckRequest{flags->files, *as_of, /*warnings=*/false, flags->media_roots});
    return print_findings(flags->format, findings).errors ? kExitError : kExitOk;
  };
}

}  // namespace ugc::cli
