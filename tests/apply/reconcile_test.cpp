// The executor and reconciliation against a `ugc sim` child over loopback
// (apply may not link sim), with a real SQLite state file: answers lost after
// the server acted leave journal rows open; reconciliation settles them without
// charging twice, and the next plan has nothing left to create.
#include <doctest/doctest.h>

#include <set>

#include "support/child_process.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/curl_transport.hpp"
#include "ugc/apply/action_journal.hpp"
#include "ugc/apply/executor.hpp"
#include "ugc/apply/observed_transport.hpp"
#include "ugc/apply/reconcile.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;

namespace {

const std::string kCampaign = std::string(UGC_TEST_DATA) + "/apply/small/campaign.yaml";

struct Rig {
  testing::TempDir dir;
  testing::SimProcess sim{{"--clock", "2027-01-15", "--api-key", testing::kTestApiKey}};
  std::unique_ptr<state::Store> store;
  std::shared_ptr<api::Client> client;
  // The real clock: the simulator child keeps real time.
  std::shared_ptr<Clock> clock = make_system_clock();
  manifest::Campaign campaign;

  Rig() {
    REQUIRE_MESSAGE(!sim.base_url().empty(), sim.error());
    auto s = state::Store::open(dir.file("state.db"), {state::Access::read_write, true}, clock);
    REQUIRE(s.ok());
    store = std::make_unique<state::Store>(std::move(*s));
    api::ClientOptions co;
    co.base_url = sim.base_url();
    co.api_key = testing::kTestApiKey;
    // Lost answers are lost for good in these tests: a retry would replay the
    // key, which the simulator answers without dropping (it ran no handler).
    co.retry.max_attempts = 1;
    co.retry.base_delay = std::chrono::milliseconds(1);
    client = std::make_shared<api::Client>(
        co, std::make_shared<apply::ObservedTransport>(std::make_shared<api::CurlTransport>()), clock);
    auto c = manifest::load_campaign(kCampaign);
    REQUIRE_MESSAGE(c.ok(), c.error().message());
    campaign = *c;
  }
  double drop_rate = 0;
  void set_drop_rate(double rate) {
    Json res = sim.post("/__sim/faults", Json{{"drop_rate", rate}});
    REQUIRE_MESSAGE(res.contains("data"), res.dump());
    drop_rate = rate;
  }

  plan::Plan plan_now() {
    auto known = store->load(campaign.id);
    REQUIRE(known.ok());
    plan::PlanInputs in;
    in.today = *CivilDate::parse("2027-01-15");
    auto p = plan::plan_campaign(campaign, *known, in);
    REQUIRE_MESSAGE(p.ok(), p.error().message());
    return *p;
  }

  long long debited() {
    Json ledger = sim.get("/__sim/ledger");
    REQUIRE_MESSAGE(ledger.contains("data"), ledger.dump());
    long long total = 0;
    for (const Json& e : ledger["data"])
      if (e["amount"].get<long long>() < 0) total += -e["amount"].get<long long>();
    return total;
  }

  // Through the API, so with faults off for the one read (they apply to /api/ext).
  std::size_t bundles_on_server() {
    const double restore = drop_rate;
    set_drop_rate(0);
    Json res = sim.get("/api/ext/bundles?per_page=100", true);
    set_drop_rate(restore);
    REQUIRE_MESSAGE(res.contains("data"), res.dump());
    return res["data"].size();
  }
};

apply::ApplyResult run(Rig& rig, const plan::Plan& plan) {
  auto journal = apply::store_journal(*rig.store);
  apply::ExecuteOptions o;
  o.parallelism = 4;
  o.run_id = "test";
  auto r = apply::execute_plan(plan, *rig.store, *journal, *rig.client, *rig.clock, o);
  REQUIRE_MESSAGE(r.ok(), r.error().message());
  return *r;
}

}  // namespace

TEST_CASE("reconcile: answers dropped after the server acted are recovered, and nothing is charged twice") {
  Rig rig;
  plan::Plan first = rig.plan_now();
  const int planned_credits = plan::compute_totals(first).credits;
  REQUIRE(planned_credits > 0);

  // Every answer is lost after the server did the work.
  rig.set_drop_rate(1.0);
  apply::ApplyResult lost = run(rig, first);
  CHECK(lost.count(apply::NodeStatus::ok) == 0);
  CHECK(lost.count(apply::NodeStatus::failed) > 0);
  auto open = state::open_journal_entries(*rig.store);
  REQUIRE(open.ok());
  CHECK(open->size() == static_cast<std::size_t>(lost.count(apply::NodeStatus::failed)));
  CHECK(rig.bundles_on_server() == 2);  // the creates ran; we just never heard back
  CHECK(rig.debited() == 2 * (32 + 3 * 2));

  // The next run settles the open rows first.
  rig.set_drop_rate(0);
  auto journal = apply::store_journal(*rig.store);
  auto report = apply::reconcile_journal(*rig.store, *journal, *rig.client);
  REQUIRE_MESSAGE(report.ok(), report.error().message());
  CHECK(report->open_entries == static_cast<int>(open->size()));
  CHECK(report->found == 2);  // both bundles, by external_ref
  auto still_open = state::open_journal_entries(*rig.store);
  REQUIRE(still_open.ok());
  CHECK(still_open->empty());
  auto known = rig.store->load(rig.campaign.id);
  REQUIRE(known.ok());
  REQUIRE(known->bundles.size() == 2);
  for (const auto& b : known->bundles) CHECK_FALSE(b.id.empty());

  // Then plan and apply the rest: no second create, exactly the estimate charged.
  plan::Plan rest = rig.plan_now();
  for (const auto& a : rest.actions) CHECK(a.kind != plan::ActionKind::create_bundle);
  apply::ApplyResult done = run(rig, rest);
  CHECK(done.complete());
  CHECK(rig.bundles_on_server() == 2);
  CHECK(rig.debited() == planned_credits);
  CHECK_FALSE(rig.plan_now().has_changes());
}

TEST_CASE("reconcile: a keyed request whose answer was lost is replayed with the same key and recorded") {
  Rig rig;
  plan::Plan first = rig.plan_now();
  // Let the creates and uploads through, then lose every later answer.
  plan::Plan creates = first;
  creates.actions.clear();
  for (const auto& a : first.actions)
    if (a.kind == plan::ActionKind::create_bundle || a.kind == plan::ActionKind::upload_media) creates.actions.push_back(a);
  CHECK(run(rig, creates).complete());

  plan::Plan rest = rig.plan_now();
  REQUIRE(rest.has_changes());
  rig.set_drop_rate(1.0);
  apply::ApplyResult lost = run(rig, rest);
  CHECK(lost.count(apply::NodeStatus::ok) == 0);
  rig.set_drop_rate(0);

  auto journal = apply::store_journal(*rig.store);
  auto report = apply::reconcile_journal(*rig.store, *journal, *rig.client);
  REQUIRE_MESSAGE(report.ok(), report.error().message());
  CHECK(report->replayed == lost.count(apply::NodeStatus::failed));
  // What the server confirmed is now in the state: what is left to do is
  // exactly what the lost run never sent (it was skipped behind the failures).
  std::set<std::string> never_sent;
  for (const auto& o : lost.actions)
    if (o.status == apply::NodeStatus::skipped) never_sent.insert(o.id);
  REQUIRE_FALSE(never_sent.empty());
  plan::Plan after = rig.plan_now();
  std::set<std::string> left;
  for (const auto& a : after.actions) left.insert(a.id);
  CHECK(left == never_sent);
}

TEST_CASE("executor: a refused action skips its dependents but not the other bundle") {
  Rig rig;
  plan::Plan p = rig.plan_now();
  // Break one bundle's create (the server refuses the country).
  for (auto& a : p.actions)
    if (a.kind == plan::ActionKind::create_bundle && a.bundles.front().market == "FR") a.requests.front().body["country"] = "ZZ";
  apply::ApplyResult r = run(rig, p);
  CHECK_FALSE(r.complete());
  bool saw_failed = false, saw_skipped = false, us_ok = true;
  for (const auto& o : r.actions) {
    if (o.status == apply::NodeStatus::failed) {
      saw_failed = true;
      CHECK(o.http_status >= 400);
      CHECK_FALSE(o.error_code.empty());
      CHECK_FALSE(o.request_id.empty());
    }
    if (o.status == apply::NodeStatus::skipped) {
      saw_skipped = true;
      CHECK(o.id.find("FR") != std::string::npos);
    }
    if (o.id.find("US") != std::string::npos && o.status != apply::NodeStatus::ok) us_ok = false;
  }
  CHECK(saw_failed);
  CHECK(saw_skipped);
  CHECK(us_ok);
  auto open = state::open_journal_entries(*rig.store);
  REQUIRE(open.ok());
  CHECK(open->empty());  // a refusal is a final answer: recorded, not left open
}
