// ugc plan FILE: diff a campaign file against the state and show what apply
// would do (text, JSON or markdown); optionally save it for `ugc apply F`.
// Offline: "today" is --as-of or the local clock; prices are those the last
// apply read from /credit-costs, else the contract's defaults (apply re-plans
// online with /credit-costs and the server's Date).
#include <cstdio>
#include <filesystem>
#include <memory>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/prices.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/date_rules.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/state/journal.hpp"
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

struct StateView {
  state::KnownResources known;
  std::size_t unsettled_requests = 0;  // open journal rows of an interrupted apply
  std::optional<RememberedPrices> prices;
};

Result<StateView> read_state(const std::string& state_path, const std::string& campaign,
                             std::shared_ptr<Clock> clock) {
  if (!std::filesystem::exists(state_path)) return StateView{};  // nothing applied yet
  auto store = state::Store::open(state_path, {state::Access::read_only, false}, std::move(clock));
  if (!store.ok()) return store.error();
  StateView view;
  auto known = store->load(campaign);
  if (!known.ok()) return known.error();
  view.known = std::move(*known);
  auto open = state::open_journal_entries(*store);
  if (!open.ok()) return open.error();
  view.unsettled_requests = open->size();
  auto prices = remembered_prices(*store);
  if (!prices.ok()) return prices.error();
  view.prices = *prices;
  return view;
}

// Plan is offline, so it cannot settle what an interrupted apply left open;
// it says so, because those actions may show up here again.
plan::Note unsettled_note(std::size_t requests) {
  return {"journal", std::to_string(requests) +
                         " request(s) of an interrupted apply are unsettled: some actions below may already be "
                         "done on the server. `ugc apply` settles them first (by idempotency key or external_ref, "
                         "never charging twice) and then plans again."};
}

Result<int> run_plan(CLI::App& sub, PlanFlags& flags, const std::shared_ptr<Clock>& clock) {
  UGC_TRY(accept_terraform_out(sub, flags));
  auto format = plan::parse_render_format(flags.format);
  if (!format) return invalid_input("--format must be text, json or markdown");
  auto as_of = parse_as_of(flags.as_of);
  if (!as_of.ok()) return as_of.error();
  auto campaign = manifest::load_campaign(flags.file);
  if (!campaign.ok()) return campaign.error();
  auto sha = sha256_file_hex(flags.file);
  if (!sha.ok()) return sha.error();
  auto state = read_state(flags.state, campaign->id, clock);
  if (!state.ok()) return state.error();

  auto today = plan::resolve_today(*as_of, std::nullopt, clock->today());
  plan::PlanInputs inputs;
  inputs.today = today.date;
  inputs.today_source = today.source;
  inputs.bulk_create = !flags.no_bulk;
  if (state->prices) inputs.costs = state->prices->costs;
  inputs.campaign_file = flags.file;
  inputs.campaign_sha256 = *sha;
  auto plan = plan::plan_campaign(*campaign, state->known, inputs);
  if (!plan.ok()) return plan.error();
  if (state->unsettled_requests > 0) plan->notes.push_back(unsettled_note(state->unsettled_requests));
  if (!state->prices)
    plan->notes.push_back({"prices", "credits use the contract's default prices: no apply has read GET "
                                     "/credit-costs into this state yet (apply prices online before it runs)"});

  const bool color = *format == plan::RenderFormat::text && !flags.no_color && use_color(stdout);
  std::fputs(plan::make_renderer(*format, color)->render(*plan).c_str(), stdout);
  if (!flags.out.empty()) {
    UGC_TRY(plan::save_plan(*plan, flags.out));
    std::fprintf(stderr, "Saved the plan to %s; run `ugc apply %s` to carry it out exactly.\n",
                 flags.out.c_str(), flags.out.c_str());
  }
  if (!flags.detailed_exitcode) return kExitOk;
  return plan->has_changes() ? kExitChanges : kExitOk;
}

}  // namespace

CommandRun define_plan(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<PlanFlags>();
  sub.add_option("file", flags->file, "Campaign file (YAML)")->required();
  sub.add_option("--state", flags->state, "State file")->capture_default_str();
  sub.add_option("--as-of", flags->as_of, "Plan as if today (UTC) were DATE (YYYY-MM-DD)");
  sub.add_option("--format", flags->format, "text | json | markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  sub.add_option("--out,-o", flags->out, "Save the plan to F (JSON) for `ugc apply F`; -out F works too");
  sub.add_flag("--detailed-exitcode", flags->detailed_exitcode, "Exit 0: no changes, 2: changes, 1: error");
  sub.add_flag("--no-color", flags->no_color, "No ANSI colours (also off when not a TTY or NO_COLOR is set)");
  sub.add_flag("--no-bulk", flags->no_bulk, "One POST /bundles per bundle instead of bulk creation per country");
  sub.allow_extras();  // only for `-out F`; anything else is refused in accept_terraform_out
  CLI::App* app = &sub;
  return [flags, app, clock]() -> Result<int> { return run_plan(*app, *flags, clock); };
}

}  // namespace ugc::cli
