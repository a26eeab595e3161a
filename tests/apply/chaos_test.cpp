// Chaos: the wave-1 campaign applied against a simulator that fails 10% of
// requests with 5xx, answers 5% with an extra 429 and drops 3% of answers
// after doing the work, while this test kills the apply process with SIGKILL
// at random moments (at least 20 times) and reruns it until it converges.
// Then the simulator's ledger and slots must show exactly the plan: every
// bundle once, exactly the estimated credits, every slot with the right
// caption, date and media. Bounded: the kill phase stops after 150 s.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "apply/apply_session.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

TEST_CASE("apply chaos: kill -9 at random moments under injected faults, converges to exactly the plan") {
  const char* seed_env = std::getenv("UGC_CHAOS_SEED");
  const unsigned seed = seed_env ? static_cast<unsigned>(std::strtoul(seed_env, nullptr, 10)) : 20270115u;
  INFO("UGC_CHAOS_SEED=" << seed);
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml",
                 {"--fail-rate", "0.10", "--extra-429-rate", "0.05", "--drop-rate", "0.03", "--seed",
                  std::to_string(seed)});

  // What converged must look like: the plan from an empty state.
  auto campaign = manifest::load_campaign(s.campaign());
  REQUIRE_MESSAGE(campaign.ok(), campaign.error().message());
  plan::PlanInputs inputs;
  inputs.today = *CivilDate::parse("2027-01-15");
  inputs.today_source = plan::TodaySource::as_of;
  auto expected_plan = plan::plan_campaign(*campaign, state::KnownResources{}, inputs);
  REQUIRE_MESSAGE(expected_plan.ok(), expected_plan.error().message());
  const int expected_credits = plan::compute_totals(*expected_plan).credits;
  auto desired = expand::expand_campaign(*campaign);
  REQUIRE(desired.ok());

  std::mt19937 rng(seed);
  // Kill after 0-1 finished actions plus 0-250 ms: every run dies somewhere
  // between planning, an in-flight request and recording its answer.
  std::uniform_int_distribution<int> delay_ms(0, 250);
  std::uniform_int_distribution<int> finished_actions(0, 1);
  int kills = 0, runs = 0, partial = 0, errors = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(150);
  while (kills < 20 && std::chrono::steady_clock::now() < deadline) {
    testing::RunOptions o;
    o.kill_after = std::chrono::milliseconds(delay_ms(rng));
    o.kill_after_progress_lines = finished_actions(rng);
    o.timeout = std::chrono::seconds(60);
    RunResult r = s.apply({"--parallelism", "2"}, o);
    ++runs;
    if (r.killed_by_us) ++kills;
    else if (r.exit_code == 3) ++partial;
    else if (r.exit_code != 0) ++errors;
  }
  MESSAGE("chaos: " << runs << " runs, " << kills << " killed, " << partial << " partial, " << errors << " errors");
  CHECK(kills >= 20);

  // Converge: rerun (faults still on, no kills) until a run has nothing left to do.
  bool converged = false;
  for (int i = 0; i < 12 && !converged; ++i) {
    RunResult r = s.apply();
    if (r.exit_code != 0) continue;
    Json doc = Json::parse(r.out, nullptr, false);
    converged = !doc.is_discarded() && doc["summary"]["actions"] == 0;
    if (!converged) continue;
  }
  REQUIRE(converged);

  // Inspect without faults so the checks themselves are not disturbed.
  s.sim().post("/__sim/faults", Json{{"fail_rate", 0}, {"extra_429_rate", 0}, {"drop_rate", 0}});

  // Credits: exactly the estimate, whatever was retried, replayed or killed.
  Json ledger = s.sim().get("/__sim/ledger");
  long long debited = 0;
  for (const Json& e : ledger["data"])
    if (e["type"] == "debit") debited += -e["amount"].get<long long>();
  CHECK(debited == expected_credits);

  // Bundles: each desired one exists exactly once.
  auto bundles = s.bundles();
  CHECK(bundles.size() == desired->bundles.size());
  auto store = state::Store::open(s.state(), {state::Access::read_only, false}, make_system_clock());
  REQUIRE(store.ok());
  auto known = store->load(campaign->id);
  REQUIRE(known.ok());
  std::map<std::string, std::string> id_of_ref;
  std::set<std::string> ids;
  for (const auto& b : known->bundles) {
    id_of_ref[b.external_ref] = b.id;
    ids.insert(b.id);
  }
  CHECK(ids.size() == desired->bundles.size());
  std::set<std::string> sim_ids;
  for (const Json& b : bundles) sim_ids.insert(b.value("id", ""));
  CHECK(sim_ids == ids);

  // Slots: caption, date and media at the place state records (= expand's place).
  std::map<std::string, std::string> media_url;  // media key -> URL sent
  for (const auto& m : known->media) media_url[m.sha256] = m.public_url;
  std::map<std::string, Json> videos_of;  // bundle id -> GET /bundles/{id}/videos data
  for (const auto& slot : desired->slots) {
    INFO("slot " << slot.external_ref);
    auto it = id_of_ref.find(slot.bundle_ref);
    REQUIRE(it != id_of_ref.end());
    if (!videos_of.count(it->second))
      videos_of[it->second] = s.api_get("/api/ext/bundles/" + it->second + "/videos?per_page=100")["data"];
    const Json& videos = videos_of[it->second];
    const Json* found = nullptr;
    for (const Json& v : videos)
      if (v["position"] == slot.position) found = &v;
    REQUIRE(found != nullptr);
    CHECK((*found)["description"] == slot.caption);
    CHECK((*found)["target_publish_date"] == slot.publish_date.str());
    std::string want_url;
    for (const auto& m : desired->media)
      if (m.id == slot.media) want_url = m.path.empty() ? m.url : media_url[m.sha256];
    CHECK(!want_url.empty());
    CHECK((*found)["video_url"] == want_url);
    CHECK((*found)["external_ref"] == slot.external_ref);
  }
}
