// ugc runs [--limit N]: the run history of a state file (every `ugc apply`,
// and `ugc reconcile`), newest first. ugc runs show ID: one run's facts, the
// plan it carried out and its results. Both read the state file read-only
// (state/runs.hpp) and take --state and --format text|json.
#include <cstdio>
#include <iostream>
#include <memory>

#include "ugc/cli/command.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/json.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/state/runs.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

struct RunsFlags {
  std::string state = ".ugc/state.db";
  std::string format = "text";
  int limit = 20;
  std::string id;
  bool json() const { return format == "json"; }
};

void add_runs_flags(CLI::App* app, RunsFlags& flags) {
  add_state_option(*app, flags.state, "State");
  app->add_option("--format", flags.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

OrderedJson run_json(const state::RunRecord& r) {
  return OrderedJson{{"id", r.id},
                     {"command", r.command},
                     {"started_at", r.started_at},
                     {"finished_at", r.finished_at},
                     {"host", r.host},
                     {"user", r.user},
                     {"campaign", r.campaign},
                     {"campaign_file", r.campaign_file},
                     {"campaign_sha256", r.campaign_sha256},
                     {"git_commit", r.git_commit.empty() ? OrderedJson() : OrderedJson(r.git_commit)},
                     {"actions", r.actions},
                     {"actions_failed", r.actions_failed},
                     {"credits_planned", r.credits_planned},
                     {"credits_charged", r.credits_charged},
                     {"requests_planned", r.requests_planned},
                     {"requests_made", r.requests_made},
                     {"outcome", r.outcome},
                     {"message", r.message.empty() ? OrderedJson() : OrderedJson(r.message)}};
}

std::string short_hash(const std::string& hash) { return hash.empty() ? "-" : hash.substr(0, 12); }

Result<state::Store> open_runs_state(const RunsFlags& flags, std::shared_ptr<Clock> clock) {
  return state::Store::open(flags.state, {state::Access::read_only}, std::move(clock));
}

Result<int> list_run_history(const RunsFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto store = open_runs_state(flags, clock);
  if (!store.ok()) return store.error();
  auto runs = state::list_runs(*store, flags.limit);
  if (!runs.ok()) return runs.error();
  if (flags.json()) {
    OrderedJson doc = {{"state", flags.state}, {"runs", OrderedJson::array()}};
    for (const auto& r : *runs) doc["runs"].push_back(run_json(r));
    std::cout << doc.dump(2) << "\n";
    return kExitOk;
  }
  if (runs->empty()) {
    std::printf("no runs recorded in %s (every `ugc apply` records one)\n", flags.state.c_str());
    return kExitOk;
  }
  std::printf("%-5s %-20s %-24s %-30s %-12s %-12s %-9s %-15s %-11s %s\n", "ID", "STARTED (UTC)", "HOST/USER",
              "CAMPAIGN FILE", "SHA256", "GIT COMMIT", "ACTIONS", "CREDITS", "REQUESTS", "OUTCOME");
  for (const auto& r : *runs) {
    const std::string who = r.host + "/" + r.user;
    const std::string actions = std::to_string(r.actions) + (r.actions_failed ? "/" + std::to_string(r.actions_failed) + "!" : "");
    const std::string credits = std::to_string(r.credits_charged) + " of " + std::to_string(r.credits_planned);
    const std::string requests = std::to_string(r.requests_made) + "/" + std::to_string(r.requests_planned);
    std::printf("%-5lld %-20s %-24s %-30s %-12s %-12s %-9s %-15s %-11s %s\n", r.id, r.started_at.c_str(),
                who.c_str(), r.campaign_file.c_str(), short_hash(r.campaign_sha256).c_str(),
                short_hash(r.git_commit).c_str(), actions.c_str(), credits.c_str(), requests.c_str(),
                r.outcome.c_str());
  }
  return kExitOk;
}

Result<long long> parse_run_id(const std::string& text) {
  long long id = 0;
  std::size_t used = 0;
  try {
    id = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || id <= 0)
    return invalid_input("run id must be a positive number as `ugc runs` lists it, not '" + text + "'");
  return id;
}

// The results document as a few lines: counts, then each action that did not succeed.
std::string results_text(const std::string& results_json) {
  if (results_json.empty()) return "no actions were carried out\n";
  OrderedJson doc = OrderedJson::parse(results_json, nullptr, false);
  if (doc.is_discarded() || !doc.contains("summary")) return "results not readable\n";
  const auto& s = doc["summary"];
  std::string out = std::to_string(s.value("ok", 0)) + " ok, " + std::to_string(s.value("failed", 0)) +
                    " failed, " + std::to_string(s.value("skipped", 0)) + " skipped; " +
                    std::to_string(s.value("credits_charged", 0LL)) + " credits charged, " +
                    std::to_string(s.value("requests", 0)) + " requests\n";
  for (const auto& a : doc.value("actions", OrderedJson::array())) {
    if (a.value("status", "") == "ok") continue;
    out += "  " + a.value("status", "") + " " + a.value("id", "");
    if (a.contains("error_code") && a["error_code"].is_string()) out += ": " + a["error_code"].get<std::string>();
    if (a.contains("error_message") && a["error_message"].is_string())
      out += " " + a["error_message"].get<std::string>();
    if (a.contains("blocked_by") && a["blocked_by"].is_string())
      out += " (waited for " + a["blocked_by"].get<std::string>() + ")";
    out += "\n";
  }
  return out;
}

Result<int> show_run(const RunsFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto id = parse_run_id(flags.id);
  if (!id.ok()) return id.error();
  auto store = open_runs_state(flags, clock);
  if (!store.ok()) return store.error();
  auto run = state::find_run(*store, *id);
  if (!run.ok()) return run.error();
  if (!*run) {
    auto newest = state::list_runs(*store, 1);
    std::string known = newest.ok() && !newest->empty()
                            ? "runs 1 to " + std::to_string(newest->front().id) + " exist; `ugc runs` lists them"
                            : "no runs are recorded yet";
    return not_found("no run " + flags.id + " in state file " + flags.state + " (" + known + ")");
  }
  const state::RunRecord& r = **run;
  auto saved = plan::parse_saved_plan(r.plan_json);
  if (flags.json()) {
    OrderedJson doc = run_json(r);
    doc["plan"] = saved.ok() ? OrderedJson::parse(r.plan_json) : OrderedJson();
    doc["results"] = r.results_json.empty() ? OrderedJson() : OrderedJson::parse(r.results_json, nullptr, false);
    std::cout << doc.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("run %lld: %s, %s\n", r.id, r.command.c_str(), r.outcome.c_str());
  if (!r.message.empty()) std::printf("  %s\n", r.message.c_str());
  std::printf("started   %s, finished %s\n", r.started_at.c_str(), r.finished_at.c_str());
  std::printf("by        %s on %s\n", r.user.c_str(), r.host.c_str());
  std::printf("campaign  %s (%s), sha256 %s\n", r.campaign.c_str(), r.campaign_file.c_str(),
              r.campaign_sha256.c_str());
  std::printf("git       %s\n", r.git_commit.empty() ? "(not in a git work tree)" : r.git_commit.c_str());
  std::printf("actions   %d planned, %d failed or skipped; credits %lld planned, %lld charged; requests %d "
              "planned, %d made\n\n",
              r.actions, r.actions_failed, r.credits_planned, r.credits_charged, r.requests_planned, r.requests_made);
  if (saved.ok())
    std::fputs(plan::make_renderer(plan::RenderFormat::text, false)->render(saved->plan).c_str(), stdout);
  else
    std::printf("plan not readable: %s\n", saved.error().message().c_str());
  std::printf("\nResults: %s", results_text(r.results_json).c_str());
  return kExitOk;
}

}  // namespace

CommandRun define_runs(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<RunsFlags>();
  add_runs_flags(&sub, *flags);
  sub.add_option("--limit", flags->limit, "Show the newest N runs (0: all)")->capture_default_str()->check(
      CLI::NonNegativeNumber);
  CLI::App* show = sub.add_subcommand("show", "Show one run: its facts, the plan it carried out and its results");
  show->add_option("ID", flags->id, "Run id, as `ugc runs` lists it")->required();
  add_runs_flags(show, *flags);
  sub.footer("Every `ugc apply` records a run in the state file: time, host and user, the campaign file's sha256 "
             "and git commit, actions, credits, requests and outcome, with its plan and results.");
  return [flags, show, clock]() -> Result<int> {
    if (show->parsed()) return show_run(*flags, clock);
    return list_run_history(*flags, clock);
  };
}

}  // namespace ugc::cli
