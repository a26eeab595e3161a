// ugc show PLANFILE: a plan saved by `ugc plan --out` as text, JSON or
// markdown, as `ugc plan` showed it, without a state file, a server or the
// campaign file (Terraform's `show`). It reads the file as apply would (its
// shape and checksum) but does not verify it against anything: `ugc apply
// PLANFILE` does that.
#include <cstdio>
#include <memory>

#include "ugc/cli/command.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"

namespace ugc::cli {
namespace {

struct ShowPlanFlags {
  std::string plan_file;
  std::string format = "text";
};

Result<int> run_show_plan(const ShowPlanFlags& flags) {
  auto format = plan::parse_render_format(flags.format);
  if (!format) return invalid_input("--format must be text, json or markdown");
  auto saved = plan::load_saved_plan(flags.plan_file);
  if (!saved.ok()) return saved.error();
  plan::RenderOptions options;
  options.color = *format == plan::RenderFormat::text && use_color(stdout);
  std::fputs(plan::make_renderer(*format, options)->render(saved->plan).c_str(), stdout);
  return kExitOk;
}

}  // namespace

CommandRun define_show(CLI::App& sub, std::shared_ptr<Clock>) {
  auto flags = std::make_shared<ShowPlanFlags>();
  sub.add_option("planfile", flags->plan_file, "A plan saved by `ugc plan FILE --out PLANFILE`")->required();
  sub.add_option("--format", flags->format, "text | json (the document `ugc plan --format json` prints) | markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  sub.footer("Shows the plan as it was saved; `ugc apply PLANFILE` plans again and runs it only if nothing differs.");
  return [flags]() -> Result<int> { return run_show_plan(*flags); };
}

}  // namespace ugc::cli
