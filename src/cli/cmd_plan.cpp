// ugc plan FILE: diff a campaign file against the state and show what apply
// would do (text, JSON or markdown); optionally save it for `ugc apply F`.
// Offline: plans through plan_from_file (ugc/cli/campaign_plan.hpp) without a
// server; apply plans the same way online.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/campaign_plan.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/campaign_files.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/core/log.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

struct PlanFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  std::string as_of;
  std::string format = "text";
  std::string out;
  bool detailed_exitcode = false;
  bool no_color = false;
  bool no_bulk = false;
  std::vector<std::string> media_roots;
};

// Terraform's spelling `-out F`: CLI11 reads it as `-o ut` plus a stray
// argument. Put it back together; any other stray argument is an error.
Status accept_terraform_out(CLI::App& sub, PlanFlags& flags) {
  std::vector<std::string> extra = sub.remaining();
  if (extra.empty()) return {};
  if (flags.out == "ut" && extra.size() == 1) {
    // Which token did the positional FILE get? The one parsed before -o.
    bool file_first = false;
    for (const CLI::Option* opt : sub.parse_order()) {
      if (opt->get_name() == "file") { file_first = true; break; }
      if (opt->check_sname("o")) break;
    }
    if (file_first) {
      flags.out = extra[0];
    } else {
      flags.out = flags.file;
      flags.file = extra[0];
    }
    return {};
  }
  std::string list;
  for (const auto& e : extra) list += " " + e;
  return invalid_input("unexpected argument(s):" + list + " (usage: ugc plan FILE [--out F] ...)");
}

// `ugc plan` never creates a state file: without one, nothing is applied yet.
Result<std::optional<state::Store>> open_state_if_any(const std::string& path, std::shared_ptr<Clock> clock) {
  if (!std::filesystem::exists(path)) return std::optional<state::Store>{};
  auto store = state::Store::open(path, {state::Access::read_only, false}, std::move(clock));
  if (!store.ok()) return store.error();
  return std::optional<state::Store>{std::move(*store)};
}

// What `ugc apply PLANFILE` needs to plan again and check it is the same plan.
Result<plan::SavedPlan> saved_plan_of(plan::Plan plan, state::Store* store, const PlanFlags& flags) {
  plan::SavedPlan saved{std::move(plan), "", !flags.no_bulk};
  if (!store) return saved;  // no state file yet: bound to a state that records nothing
  auto id = store->state_id();
  if (!id.ok()) return id.error();
  saved.state_id = *id;
  return saved;
}

// `ugc plan DIR`: each campaign file of the folder in turn (they share the
// state, each planned on its own); the first failure stops it.
Result<int> run_plan_folder(const PlanFlags& flags, plan::RenderFormat format, state::Store* store,
                            const std::shared_ptr<Clock>& clock) {
  if (!flags.out.empty()) return invalid_input("--out saves one campaign's plan: give a campaign file, not a folder");
  auto files = campaign_files({flags.file});
  if (!files.ok()) return files.error();
  bool changes = false;
  for (const std::string& file : *files) {
    PlanRequest request{file, flags.as_of, !flags.no_bulk, flags.media_roots};
    auto plan = plan_from_file(request, store, nullptr, *clock);
    if (!plan.ok()) return plan.error().with_context(file);
    const bool color = format == plan::RenderFormat::text && !flags.no_color && use_color(stdout);
    std::fputs(plan::make_renderer(format, color)->render(*plan).c_str(), stdout);
    changes = changes || plan->has_changes();
  }
  if (!flags.detailed_exitcode) return kExitOk;
  return changes ? kExitChanges : kExitOk;
}

Result<int> run_plan(CLI::App& sub, PlanFlags& flags, const std::shared_ptr<Clock>& clock) {
  UGC_TRY(accept_terraform_out(sub, flags));
  auto format = plan::parse_render_format(flags.format);
  if (!format) return invalid_input("--format must be text, json or markdown");
  auto store = open_state_if_any(flags.state, clock);
  if (!store.ok()) return store.error();
  if (std::filesystem::is_directory(flags.file))
    return run_plan_folder(flags, *format, *store ? &**store : nullptr, clock);
  PlanRequest request{flags.file, flags.as_of, !flags.no_bulk, flags.media_roots};
  auto plan = plan_from_file(request, *store ? &**store : nullptr, nullptr, *clock);
  if (!plan.ok()) return plan.error();

  const bool color = *format == plan::RenderFormat::text && !flags.no_color && use_color(stdout);
  std::fputs(plan::make_renderer(*format, color)->render(*plan).c_str(), stdout);
  const bool changes = plan->has_changes();
  if (!flags.out.empty()) {
    auto saved = saved_plan_of(std::move(*plan), *store ? &**store : nullptr, flags);
    if (!saved.ok()) return saved.error();
    UGC_TRY(plan::save_plan(*saved, flags.out));
    log::print_stderr("info", "Saved the plan to " + flags.out + "; `ugc apply " + flags.out +
                                  "` plans again and carries it out only if nothing differs.\n");
  }
  if (!flags.detailed_exitcode) return kExitOk;
  return changes ? kExitChanges : kExitOk;
}

}  // namespace

CommandRun define_plan(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<PlanFlags>();
  sub.add_option("file", flags->file, "Campaign file (YAML), or a folder of them sharing the state")->required();
  sub.add_option("--state", flags->state, "State file")->capture_default_str();
  sub.add_option("--as-of", flags->as_of, "Plan as if today (UTC) were DATE (YYYY-MM-DD)");
  sub.add_option("--format", flags->format, "text | json | markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  sub.add_option("--out,-o", flags->out, "Save the plan to F (JSON) for `ugc apply F`; -out F works too");
  sub.add_flag("--detailed-exitcode", flags->detailed_exitcode, "Exit 0: no changes, 2: changes, 1: error");
  sub.add_flag("--no-color", flags->no_color, "No ANSI colours (also off when not a TTY or NO_COLOR is set)");
  sub.add_flag("--no-bulk", flags->no_bulk, "One POST /bundles per bundle instead of bulk creation per country");
  add_media_root_option(sub, flags->media_roots);
  sub.allow_extras();  // only for `-out F`; anything else is refused in accept_terraform_out
  CLI::App* app = &sub;
  return [flags, app, clock]() -> Result<int> { return run_plan(*app, *flags, clock); };
}

}  // namespace ugc::cli
