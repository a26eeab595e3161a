// ugc plan FILE: diff a campaign file against the state and show what apply
// would do (text, JSON or markdown); optionally save it for `ugc apply F`.
// Offline: plans through plan_from_file (ugc/cli/campaign_plan.hpp) without a
// server; apply plans the same way online.
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/campaign_plan.hpp"
#include "ugc/cli/campaign_refresh.hpp"
#include "ugc/cli/drift_report.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/campaign_files.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/core/byte_sink.hpp"
#include "ugc/core/log.hpp"
#include "ugc/core/worker_sink.hpp"
#include "ugc/plan/plan_json.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/plan/targeting.hpp"
#include "ugc/state/state_uri.hpp"
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
  bool no_bulk = false;
  std::vector<std::string> targets;  // -target REF (plan/targeting.hpp)
  std::vector<std::string> media_roots;
  bool refresh = false;  // --refresh: read TokPortal into the state first (campaign_refresh.hpp)
  OnlineFlags online;
  std::size_t comment_limit = 65000;
  std::string full_plan_at;
};

// A targeted plan buys each bundle alone, so no bundle outside the targets is bought.
bool bulk_allowed(const PlanFlags& flags) { return !flags.no_bulk && flags.targets.empty(); }

// The plan outlives the command: freeing a 20,000-slot plan right before the
// process exits took ~5% of `ugc plan`, and the OS takes the memory back
// anyway. Held through a static pointer, so leak checkers see it reachable.
void keep_until_exit(plan::Plan plan) {
  static auto* const kept = new std::vector<plan::Plan>();
  kept->push_back(std::move(plan));
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

// --refresh: the drift found, before the plan is made from the refreshed state.
// Without a state file there is nothing to compare: the plan goes on.
Result<std::optional<events::RefreshReport>> refresh_first(const PlanFlags& flags, const std::shared_ptr<Clock>& clock) {
  if (!flags.refresh) return std::optional<events::RefreshReport>{};
  auto applied = state::Store::open_if_applied(flags.state, clock);
  if (!applied) return applied.error();
  if (!*applied) {
    log::print_stderr("info", "No state at " + state::redact_state_uri(flags.state) + ": nothing to refresh.\n");
    return std::optional<events::RefreshReport>{};
  }
  applied->reset();  // refresh takes the lock and opens the state for writing
  auto report = refresh_campaign_state({flags.file, flags.state, flags.media_roots, flags.online, "ugc plan --refresh"},
                                       clock);
  if (!report.ok()) return report.error();
  return std::optional<events::RefreshReport>{std::move(*report)};
}

// The plan as rendered, streamed to stdout, with the drift section first
// (JSON: a "refresh" member, signed with the rest so the document stays a
// valid saved plan).
void write_with_drift(const plan::Plan& plan, plan::RenderFormat format, const plan::RenderOptions& options,
                      std::optional<events::RefreshReport>& drift) {
  // The plan goes on while the OS copies what it wrote (22 MB of JSON at 20,000 slots).
  FileSink file(stdout);
  WorkerSink out(file);
  if (!drift) return plan::make_renderer(format, options)->write(plan, out);
  attach_remedies(*drift, plan);
  if (format != plan::RenderFormat::json) {
    out.write(render_drift_text(*drift));
    return plan::make_renderer(format, options)->write(plan, out);
  }
  const Json refresh = drift_json(*drift);
  plan::write_signed_plan_json(plan, out, [&refresh](JsonWriter& w) {
    w.key("refresh");
    w.value(refresh);
  });
}

// Whether the plan shows the captions review with each market's language and
// the lint findings: a JSON plan has no review, and a targeted plan reviews
// only its own captions (without languages or lint, as the renderer builds it).
bool reviews_captions(const PlanFlags& flags, plan::RenderFormat format) {
  return format != plan::RenderFormat::json && flags.targets.empty();
}

// How a plan is shown: colour on a terminal, the captions review, the PR
// comment limit and where the whole plan can be found.
plan::RenderOptions render_options_for(const PlanFlags& flags, plan::RenderFormat format,
                                       const plan::CaptionReview* captions) {
  plan::RenderOptions options;
  options.color = format == plan::RenderFormat::text && use_color(stdout);  // --no-color: main.cpp
  options.captions = captions;
  options.max_bytes = flags.comment_limit;
  options.full_plan_at = !flags.full_plan_at.empty() ? flags.full_plan_at
                         : !flags.out.empty()        ? flags.out + " (saved plan; `ugc plan` shows it whole)"
                                                     : "";
  return options;
}

// `ugc plan DIR`: each campaign file of the folder in turn (they share the
// state, each planned and shown as `ugc plan FILE` shows it); the first
// failure stops it.
Result<int> run_plan_folder(const PlanFlags& flags, plan::RenderFormat format, state::Store* store,
                            const std::shared_ptr<Clock>& clock) {
  if (!flags.out.empty()) return invalid_input("--out saves one campaign's plan: give a campaign file, not a folder");
  auto files = campaign_files({flags.file});
  if (!files.ok()) return files.error();
  bool changes = false;
  for (const std::string& file : *files) {
    plan::CaptionReview captions;
    PlanRequest request{file, flags.as_of, bulk_allowed(flags), flags.media_roots};
    request.captions = reviews_captions(flags, format) ? &captions : nullptr;
    auto plan = plan_from_file(request, store, nullptr, *clock);
    if (!plan.ok()) return plan.error().with_context(file);
    *plan = plan::restrict_to_targets(std::move(*plan), flags.targets);
    const plan::CaptionReview* review = request.captions;
    FileSink out(stdout);
    plan::make_renderer(format, render_options_for(flags, format, review))->write(*plan, out);
    changes = changes || plan->has_changes();
    keep_until_exit(std::move(*plan));
  }
  if (!flags.detailed_exitcode) return kExitOk;
  return changes ? kExitChanges : kExitOk;
}

// The targeting warning, where the reader sees it: above a text or markdown
// plan on stdout; on stderr when stdout holds a JSON document.
void warn_targeting(const PlanFlags& flags, plan::RenderFormat format) {
  if (flags.targets.empty()) return;
  const std::string banner = plan::targeting_banner(flags.targets);
  if (format == plan::RenderFormat::json) {
    log::print_stderr("warn", banner);
    return;
  }
  const Palette p = palette_for(stdout);
  std::fputs((p.yellow() + p.bold() + banner + p.reset()).c_str(), stdout);
}

Result<int> run_plan(PlanFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto format = plan::parse_render_format(flags.format);
  if (!format) return invalid_input("--format must be text, json or markdown");
  if (!flags.targets.empty() && !flags.out.empty())
    return invalid_input("--out saves a whole plan for review: a -target plan cannot be saved; apply it with "
                         "`ugc apply FILE -target REF` (it shows the plan and asks)");
  warn_targeting(flags, *format);
  auto drift = refresh_first(flags, clock);
  if (!drift.ok()) return drift.error();
  if (std::filesystem::is_directory(flags.file)) {
    auto store = state::Store::open_if_applied(flags.state, clock);
    if (!store.ok()) return store.error();
    return run_plan_folder(flags, *format, *store ? &**store : nullptr, clock);
  }
  std::optional<state::Store> store;
  auto opening = std::async(std::launch::async, [&flags, &clock, &store]() -> Result<state::Store*> {
    auto applied = state::Store::open_if_applied(flags.state, clock);
    if (!applied.ok()) return applied.error();
    store = std::move(*applied);
    return store ? &*store : nullptr;
  });
  plan::CaptionReview captions;
  PlanRequest request{flags.file, flags.as_of, bulk_allowed(flags), flags.media_roots};
  request.captions = reviews_captions(flags, *format) ? &captions : nullptr;
  auto plan = plan_from_file(request, std::move(opening), nullptr, *clock);
  if (!plan.ok()) return plan.error();
  *plan = plan::restrict_to_targets(std::move(*plan), flags.targets);

  const bool changes = plan->has_changes();
  // --out: the plan is saved (written and synced to disk) on a second thread
  // while it is shown; both only read it.
  std::optional<plan::SavedPlan> saved;
  std::future<Status> saving;
  if (!flags.out.empty()) {
    auto made = saved_plan_of(std::move(*plan), store ? &*store : nullptr, flags);
    if (!made.ok()) return made.error();
    saved = std::move(*made);
    saving = std::async(std::launch::async, [&saved, &flags] { return plan::save_plan(*saved, flags.out); });
  }
  plan::Plan& shown = saved ? saved->plan : *plan;
  const plan::CaptionReview* review = request.captions;
  write_with_drift(shown, *format, render_options_for(flags, *format, review), *drift);
  if (saving.valid()) {
    UGC_TRY(saving.get());
    log::print_stderr("info", "Saved the plan to " + flags.out + "; `ugc apply " + flags.out +
                                  "` plans again and carries it out only if nothing differs.\n");
  }
  keep_until_exit(std::move(shown));
  if (!flags.detailed_exitcode) return kExitOk;
  return changes ? kExitChanges : kExitOk;
}

}  // namespace

CommandRun define_plan(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<PlanFlags>();
  sub.add_option("file", flags->file, "Campaign file (YAML), or a folder of them sharing the state")->required();
  add_state_option(sub, flags->state, "State");
  sub.add_option("--as-of", flags->as_of, "Plan as if today (UTC) were DATE (YYYY-MM-DD)");
  sub.add_option("--format", flags->format, "text | json | markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  sub.add_option("--out,-o", flags->out, "Save the plan to F (JSON) for `ugc apply F`; -out=F works too");
  sub.add_flag("--detailed-exitcode", flags->detailed_exitcode, "Exit 0: no changes, 2: changes, 1: error");
  sub.add_flag("--no-bulk", flags->no_bulk, "One POST /bundles per bundle instead of bulk creation per country");
  sub.add_option("--comment-limit", flags->comment_limit,
                 "markdown: at most N bytes, for a pull-request comment (GitHub allows 65,536 characters); longer "
                 "plans keep their figures, blocked changes and notes and cut the longest lists; 0: no limit")
      ->capture_default_str();
  sub.add_option("--full-plan-at", flags->full_plan_at,
                 "markdown: where readers find the full plan when the comment is cut (a URL or path; "
                 "default: the --out file)");
  add_media_root_option(sub, flags->media_roots);
  sub.add_flag("--refresh", flags->refresh,
               "First read TokPortal into the state (as `ugc refresh` does) and show the drift before the plan");
  add_online_options(sub, flags->online);
  add_target_option(sub, flags->targets);
  return [flags, clock]() -> Result<int> { return run_plan(*flags, clock); };
}

}  // namespace ugc::cli
