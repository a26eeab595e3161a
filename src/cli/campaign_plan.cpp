#include "ugc/cli/campaign_plan.hpp"

#include <future>
#include <optional>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "ugc/api/client.hpp"
#include "ugc/api/reference.hpp"
#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/prices.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/load_campaign.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/date_rules.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

// What the state knows that planning needs; empty without a state file.
struct StateFacts {
  state::KnownResources known;
  std::size_t unsettled_requests = 0;  // open journal rows of an interrupted apply
  std::optional<RememberedPrices> prices;
};

Result<StateFacts> read_state_facts(state::Store* store, const std::string& campaign) {
  StateFacts facts;
  if (!store) return facts;  // nothing applied yet
  auto known = store->load(campaign);
  if (!known.ok()) return known.error();
  facts.known = std::move(*known);
  auto open = state::open_journal_entries(*store);
  if (!open.ok()) return open.error();
  facts.unsettled_requests = open->size();
  auto prices = remembered_prices(*store);
  if (!prices.ok()) return prices.error();
  facts.prices = *prices;
  return facts;
}

// What the server says: its prices (kept for offline plans) and its date.
struct ServerFacts {
  plan::CreditCosts costs;
  std::optional<CivilDate> today;
};

Result<ServerFacts> ask_server(api::Client& server, state::Store* store, api::CreditCosts* prices_read) {
  auto costs = api::get_credit_costs(server);
  if (!costs.ok()) return costs.error().with_context("reading prices (GET /credit-costs)");
  if (prices_read) *prices_read = *costs;
  if (store) {
    if (auto kept = remember_prices(*store, *costs); !kept.ok())
      spdlog::warn("could not keep the prices for offline plans: {}", kept.error().message());
  }
  ServerFacts facts{plan_costs(*costs), std::nullopt};
  if (auto d = server.server_today(); d.ok()) facts.today = *d;
  return facts;
}

// An offline plan cannot settle what an interrupted apply left open; it says
// so, because those actions may show up here again.
plan::Note unsettled_note(std::size_t requests) {
  return {"journal", std::to_string(requests) +
                         " request(s) of an interrupted apply are unsettled: some actions below may already be "
                         "done on the server. `ugc apply` settles them first (by idempotency key or external_ref, "
                         "never charging twice) and then plans again."};
}

plan::Note default_prices_note() {
  return {"prices", "credits use the contract's default prices: no apply has read GET "
                    "/credit-costs into this state yet (apply prices online before it runs)"};
}

// The content rules of a parsed campaign's lint (a sixth of a plan's work),
// on a thread of their own beside reading state and planning. The verdict is
// taken before anything is sent or written, and before a plan is returned: an
// invalid campaign fails as if it had been linted first.
class CampaignLint {
 public:
  CampaignLint(const std::string& path, const manifest::ParseOutcome& parsed)
      : path_(path),
        parsed_(parsed),
        running_(std::async(std::launch::async, [this] { return manifest::lint_content(*parsed_.campaign); })) {}
  CampaignLint(const CampaignLint&) = delete;
  CampaignLint& operator=(const CampaignLint&) = delete;

  const Status& verdict() {
    if (!verdict_) verdict_ = manifest::campaign_errors(path_, parsed_, findings());
    return *verdict_;
  }
  // After the verdict, which reads them.
  manifest::ContentFindings take_findings() {
    verdict();
    return std::move(findings());
  }

 private:
  manifest::ContentFindings& findings() {
    if (!findings_) findings_ = running_.get();
    return *findings_;
  }

  const std::string& path_;
  const manifest::ParseOutcome& parsed_;
  std::future<manifest::ContentFindings> running_;  // after what the thread reads
  std::optional<manifest::ContentFindings> findings_;
  std::optional<Status> verdict_;
};

// plan_campaign, and into `schedule` when it is set the schedule the date
// rules read: the plan's own, each slot where this plan keeps or puts it.
Result<plan::Plan> plan_with_schedule(const manifest::Campaign& campaign, const state::KnownResources& known,
                                      const plan::PlanInputs& inputs,
                                      std::optional<std::vector<manifest::ScheduledPost>>* schedule) {
  if (!schedule) return plan::plan_campaign(campaign, known, inputs);
  auto desired = expand::expand_campaign(campaign, plan::recorded_places(known));
  if (!desired.ok()) return desired.error();
  *schedule = lint_schedule(*desired);
  return plan::plan_resources(std::move(*desired), known, inputs);
}

Result<plan::Plan> plan_linted_campaign(const PlanRequest& request, const manifest::Campaign& campaign,
                                        CampaignLint& lint, state::Store* store, api::Client* server,
                                        Clock& clock, std::optional<CivilDate> as_of) {
  auto sha = sha256_file_hex(request.campaign_file);
  if (!sha.ok()) return sha.error();
  auto state = read_state_facts(store, campaign.id);
  if (!state.ok()) return state.error();
  std::optional<ServerFacts> online;
  if (server) {
    UGC_TRY(lint.verdict());
    auto facts = ask_server(*server, store, request.prices_read);
    if (!facts.ok()) return facts.error();
    online = *facts;
  }

  auto today = plan::resolve_today(as_of, online ? online->today : std::nullopt, clock.today());
  plan::PlanInputs inputs;
  inputs.today = today.date;
  inputs.today_source = today.source;
  inputs.bulk_create = request.bulk_create;
  if (online) {
    inputs.costs = online->costs;
  } else if (state->prices) {
    inputs.costs = state->prices->costs;
  }
  inputs.campaign_file = request.campaign_file;
  inputs.campaign_sha256 = *sha;
  std::optional<std::vector<manifest::ScheduledPost>> schedule;
  auto plan = plan_with_schedule(campaign, state->known, inputs, request.captions ? &schedule : nullptr);
  if (!plan.ok()) return plan.error();
  if (state->unsettled_requests > 0) plan->notes.push_back(unsettled_note(state->unsettled_requests));
  if (!online && !state->prices) plan->notes.push_back(default_prices_note());
  plan->totals = plan::compute_totals(*plan);  // counts the notes just added, as a saved plan's reader does
  if (request.captions) {
    // The content rules ran beside the planning: only the date rules run now.
    manifest::LintOptions dated{plan->today, std::move(schedule)};
    *request.captions = plan::review_captions(
        *plan, &campaign, manifest::lint_campaign_findings(campaign, dated, lint.take_findings()));
  }
  return plan;
}

}  // namespace

Result<plan::Plan> plan_from_file(const PlanRequest& request, std::future<Result<state::Store*>> opening,
                                   api::Client* server, Clock& clock) {
  auto as_of = parse_as_of(request.as_of);
  if (!as_of.ok()) return as_of.error();
  const auto parsed = manifest::parse_campaign_file(request.campaign_file, manifest::ParseOptions{request.media_roots});
  auto store = opening.get();
  if (!store.ok()) return store.error();
  if (!parsed.campaign) return manifest::campaign_errors(request.campaign_file, parsed, {}).error();
  CampaignLint lint(request.campaign_file, parsed);
  auto plan = plan_linted_campaign(request, *parsed.campaign, lint, *store, server, clock, *as_of);
  UGC_TRY(lint.verdict());
  return plan;
}

Result<plan::Plan> plan_from_file(const PlanRequest& request, state::Store* store, api::Client* server,
                                   Clock& clock) {
  std::promise<Result<state::Store*>> opened;
  opened.set_value(store);
  return plan_from_file(request, opened.get_future(), server, clock);
}

void add_target_option(CLI::App& sub, std::vector<std::string>& targets) {
  sub.add_option("--target", targets,
                 "Only the bundles and slots whose external_ref is or starts with REF, and what they need "
                 "(repeatable; -target=REF works too). For repairs: a warning says the plan is partial; bundles are "
                 "bought one by one, not in bulk; a targeted plan cannot be saved with --out")
      ->allow_extra_args(false)
      ->type_name("REF")
      ->check(CLI::Validator([](std::string& ref) { return ref.empty() ? std::string("REF is empty") : ""; }, ""));
}

}  // namespace ugc::cli
