// The run history (state/runs.hpp): records written at the end of a run come
// back newest first, with their plan and results whole, kept deflated, and
// never move the serial that saved plans bind to.
#include <doctest/doctest.h>

#include "state/state_backends.hpp"
#include "state/state_fixture.hpp"
#include "ugc/core/log.hpp"
#include "ugc/state/runs.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;
using namespace ugc::state;
using ugc::state::testing::TempDir;

namespace {

RunRecord sample_run(const std::string& outcome, int actions) {
  RunRecord r;
  r.command = "apply";
  r.started_at = "2027-01-15T10:00:00Z";
  r.finished_at = "2027-01-15T10:01:00Z";
  r.host = "ci-runner";
  r.user = "alice";
  r.campaign = "ugc-wave-1";
  r.campaign_file = "campaigns/ugc-wave-1.yaml";
  r.campaign_sha256 = std::string(64, 'c');
  r.git_commit = std::string(40, 'a');
  r.actions = actions;
  r.credits_planned = 270;
  r.credits_charged = 270;
  r.requests_planned = 17;
  r.requests_made = 17;
  r.outcome = outcome;
  r.plan_json = R"({"format_version":2,"plan":{"actions":[]}})";
  r.results_json = R"({"summary":{"ok":3}})";
  return r;
}

// A plan document the size of a 20,000-slot campaign's: repetitive JSON.
std::string big_plan_json(int slots) {
  std::string out = R"({"plan":{"slots":[)";
  for (int i = 0; i < slots; ++i)
    out += (i ? "," : "") + std::string(R"({"external_ref":"bench-video-)") + std::to_string(i) +
           R"(-US-tiktok","caption":"Honest review number )" + std::to_string(i) +
           R"( of the product #review #ad","publish_date":"2027-03-01","status_after":"published"})";
  return out + "]}}";
}

}  // namespace

TEST_CASE_TEMPLATE("runs: recorded runs list newest first, limited, and show their plan and results", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto first = record_run(*store, sample_run("applied", 23));
  auto second = record_run(*store, sample_run("partial", 5));
  auto third = record_run(*store, sample_run("no changes", 0));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(third.ok());
  CHECK(*first < *second);
  CHECK(*second < *third);

  auto all = list_runs(*store, 0);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK(all->at(0).outcome == "no changes");
  CHECK(all->at(2).outcome == "applied");
  CHECK(all->at(2).actions == 23);
  CHECK(all->at(2).host == "ci-runner");
  CHECK(all->at(2).git_commit == std::string(40, 'a'));
  CHECK(all->at(2).plan_json.empty());  // listings leave the documents out

  auto newest_two = list_runs(*store, 2);
  REQUIRE(newest_two.ok());
  REQUIRE(newest_two->size() == 2);
  CHECK(newest_two->at(1).id == *second);

  auto one = find_run(*store, *first);
  REQUIRE(one.ok());
  REQUIRE(one->has_value());
  CHECK((*one)->plan_json == sample_run("applied", 23).plan_json);
  CHECK((*one)->results_json == R"({"summary":{"ok":3}})");
  CHECK((*one)->credits_charged == 270);
  CHECK((*one)->started_at == "2027-01-15T10:00:00Z");
}

TEST_CASE_TEMPLATE("runs: an unknown id is not found and an empty history is no error", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto none = list_runs(*store, 20);
  REQUIRE(none.ok());
  CHECK(none->empty());
  auto missing = find_run(*store, 42);
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
}

TEST_CASE_TEMPLATE("runs: recording a run keeps the serial and stamps missing times from the store's clock", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  auto store = Store::open(Backend::fresh_location(dir), {Access::read_write, true}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  const long long before = *store->serial();
  RunRecord r = sample_run("applied", 1);
  r.started_at.clear();
  r.finished_at.clear();
  auto id = record_run(*store, r);
  REQUIRE(id.ok());
  CHECK(*store->serial() == before);
  auto back = find_run(*store, *id);
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK_FALSE((*back)->started_at.empty());
  CHECK((*back)->started_at == (*back)->finished_at);
}

TEST_CASE("runs: a 20,000-slot plan is stored deflated and comes back byte for byte") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  const std::string plan = big_plan_json(20000);
  long long id = 0;
  {
    auto store = Store::open(path, {Access::read_write, true}, ugc::state::testing::fake_clock());
    REQUIRE(store.ok());
    RunRecord r = sample_run("applied", 20000);
    r.plan_json = plan;
    auto recorded = record_run(*store, r);
    REQUIRE(recorded.ok());
    id = *recorded;
  }
  const long long stored = std::stoll(ugc::state::testing::raw_query(path, "SELECT length(plan) FROM runs"));
  MESSAGE("plan JSON " << plan.size() << " bytes, stored " << stored << " bytes");
  CHECK(stored * 10 < static_cast<long long>(plan.size()));

  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto back = find_run(*store, id);
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK((*back)->plan_json == plan);
}

TEST_CASE("runs: a damaged stored plan is an error naming the run, not a crash") {
  TempDir dir;
  const std::string path = dir.file("state.db");
  long long id = 0;
  {
    auto store = Store::open(path, {Access::read_write, true}, ugc::state::testing::fake_clock());
    REQUIRE(store.ok());
    auto recorded = record_run(*store, sample_run("applied", 2));
    REQUIRE(recorded.ok());
    id = *recorded;
  }
  ugc::state::testing::raw_exec(path, "UPDATE runs SET plan = x'00010203'");
  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto back = find_run(*store, id);
  REQUIRE_FALSE(back.ok());
  CHECK(back.error().message().find("plan of run " + std::to_string(id)) != std::string::npos);
}

TEST_CASE_TEMPLATE("runs: the API key never reaches the run history", Backend, UGC_STATE_BACKENDS) {
  TempDir dir;
  const std::string path = Backend::fresh_location(dir);
  const std::string secret = "sk_live_runs_history_secret_0123456789";
  log::add_secret(secret);
  {
    auto store = Store::open(path, {Access::read_write, true}, ugc::state::testing::fake_clock());
    REQUIRE(store.ok());
    RunRecord r = sample_run("failed", 1);
    r.message = "HTTP 401 for key " + secret;
    r.results_json = R"({"error":")" + secret + R"("})";
    REQUIRE(record_run(*store, r).ok());
  }
  auto store = Store::open(path, {Access::read_only}, ugc::state::testing::fake_clock());
  REQUIRE(store.ok());
  auto back = find_run(*store, 1);
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK((*back)->message.find(secret) == std::string::npos);
  CHECK((*back)->results_json.find(secret) == std::string::npos);
  CHECK(ugc::state::testing::read_text_file(path).find(secret) == std::string::npos);
}
