// `ugc plan` end to end: the built binary on the seed campaign, with a state
// file written through the Store; the JSON output validated against
// schemas/plan.schema.json with node-ajv (tests/tools/validate_schema.js).
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "plan_fixture.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/saved_plan.hpp"
#include "ugc/state/journal.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

const std::string kCampaign = std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `ugc <command_and_args>`, its output captured.
Run ugc_run(const TempDir& dir, const std::string& command_and_args) {
  const std::string out = dir.file("stdout"), err = dir.file("stderr");
  std::string cmd = "NO_COLOR=1 '" + std::string(UGC_BINARY) + "' " + command_and_args + " >'" + out + "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

Run ugc_plan(const TempDir& dir, const std::string& args) { return ugc_run(dir, "plan " + args); }

bool have_node_ajv() {
  return std::system("NODE_PATH=/usr/share/nodejs node -e \"require('ajv')\" >/dev/null 2>&1") == 0;
}

}  // namespace

TEST_CASE("ugc plan --format json on the seed campaign validates against schemas/plan.schema.json") {
  TempDir dir;
  Run r = ugc_plan(dir, "'" + kCampaign + "' --format json --as-of 2027-01-15 --state '" + dir.file("none.db") + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto doc = Json::parse(r.out);
  CHECK(doc["campaign"] == "ugc-wave-1");
  CHECK(doc["today"] == "2027-01-15");
  CHECK(doc["today_source"] == "as-of");
  CHECK(doc["totals"]["api_requests"].get<int>() > 0);
  // scripts/setup.sh installs node-ajv: without it the test fails, never skips.
  REQUIRE_MESSAGE(have_node_ajv(), "node-ajv is not installed (scripts/setup.sh installs it)");
  std::ofstream(dir.file("plan.json")) << r.out;
  std::string cmd = "NODE_PATH=/usr/share/nodejs node '" + std::string(UGC_SOURCE_DIR) +
                    "/tests/tools/validate_schema.js' '" + std::string(UGC_SOURCE_DIR) +
                    "/schemas/plan.schema.json' '" + dir.file("plan.json") + "' >'" + dir.file("ajv") + "' 2>&1";
  int status = std::system(cmd.c_str());
  bool valid = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  CHECK_MESSAGE(valid, slurp(dir.file("ajv")));
}

TEST_CASE("the schema rejects a plan with an unknown action kind (the check can fail)") {
  REQUIRE_MESSAGE(have_node_ajv(), "node-ajv is not installed (scripts/setup.sh installs it)");
  TempDir dir;
  Run r = ugc_plan(dir, "'" + kCampaign + "' --format json --as-of 2027-01-15 --state '" + dir.file("none.db") + "'");
  REQUIRE(r.exit_code == 0);
  auto doc = Json::parse(r.out);
  doc["actions"][0]["kind"] = "delete_bundle";
  std::ofstream(dir.file("bad.json")) << doc.dump();
  std::string cmd = "NODE_PATH=/usr/share/nodejs node '" + std::string(UGC_SOURCE_DIR) +
                    "/tests/tools/validate_schema.js' '" + std::string(UGC_SOURCE_DIR) +
                    "/schemas/plan.schema.json' '" + dir.file("bad.json") + "' >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 1));
}

TEST_CASE("--detailed-exitcode: 2 with changes, 0 once the state holds everything") {
  TempDir dir;
  const std::string state = dir.file("state.db");
  Run fresh = ugc_plan(dir, "'" + kCampaign + "' --detailed-exitcode --as-of 2027-01-15 --state '" + state + "'");
  CHECK_MESSAGE(fresh.exit_code == 2, fresh.err);
  CHECK(fresh.out.find("Create (") != std::string::npos);

  // Record what apply would, through the Store, then plan again.
  auto campaign = manifest::load_campaign(kCampaign);
  REQUIRE(campaign.ok());
  auto plan = plan_campaign(*campaign, {}, inputs_as_of("2027-01-15"));
  REQUIRE(plan.ok());
  {
    auto store = open_store(state);
    REQUIRE(store.ok());
    REQUIRE(record_applied(*store, *plan).ok());
  }
  Run applied = ugc_plan(dir, "'" + kCampaign + "' --detailed-exitcode --as-of 2027-01-15 --state '" + state + "'");
  CHECK_MESSAGE(applied.exit_code == 0, (applied.err + applied.out));
  CHECK(applied.out.find("No changes") != std::string::npos);
  // Without the flag, changes still exit 0.
  Run plain = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --state '" + dir.file("other.db") + "'");
  CHECK(plain.exit_code == 0);
}

TEST_CASE("a plan over a state with an interrupted apply says its requests are unsettled") {
  TempDir dir;
  const std::string state = dir.file("state.db");
  {
    auto store = open_store(state);
    REQUIRE(store.ok());
    state::JournalEntry entry{"create_bundles_bulk:US", "POST", "/bundles/bulk", "key-1", "hash", "run-1"};
    REQUIRE(state::journal_begin(*store, entry).ok());  // sent, never answered
  }
  Run r = ugc_plan(dir, "'" + kCampaign + "' --format json --as-of 2027-01-15 --state '" + state + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto doc = Json::parse(r.out);
  bool noted = false;
  for (const auto& n : doc["notes"])
    if (n["target"] == "journal") noted = n["text"].get<std::string>().rfind("1 request(s) of an interrupted apply", 0) == 0;
  CHECK_MESSAGE(noted, r.out);
  Run text = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --state '" + state + "'");
  CHECK(text.out.find("interrupted apply are unsettled") != std::string::npos);
  Run clean = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --state '" + dir.file("clean.db") + "'");
  CHECK(clean.out.find("interrupted apply") == std::string::npos);
}

TEST_CASE("offline plans price from what the last apply read from /credit-costs, else say they use defaults") {
  TempDir dir;
  const std::string state = dir.file("state.db");
  auto has_note = [](const Json& doc, const std::string& target) {
    for (const auto& n : doc["notes"])
      if (n["target"] == target) return true;
    return false;
  };
  Run fresh = ugc_plan(dir, "'" + kCampaign + "' --format json --as-of 2027-01-15 --state '" + state + "'");
  REQUIRE_MESSAGE(fresh.exit_code == 0, fresh.err);
  Json before = Json::parse(fresh.out);
  CHECK(has_note(before, "prices"));

  // What apply keeps after GET /credit-costs: the server charges more.
  {
    auto store = open_store(state);
    REQUIRE(store.ok());
    Json data{{"costs", {{"account_creation", 40}, {"video_upload", 3}, {"video_edit", 4}, {"advanced_warming", 5}}}};
    REQUIRE(store->credit_costs_put("last-apply", data).ok());
  }
  Run priced = ugc_plan(dir, "'" + kCampaign + "' --format json --as-of 2027-01-15 --state '" + state + "'");
  REQUIRE_MESSAGE(priced.exit_code == 0, priced.err);
  Json after = Json::parse(priced.out);
  CHECK_FALSE(has_note(after, "prices"));
  auto campaign = manifest::load_campaign(kCampaign);
  REQUIRE(campaign.ok());
  PlanInputs in = inputs_as_of("2027-01-15");
  in.costs = CreditCosts{40, 3, 4, 7, 5};
  auto expected = plan_campaign(*campaign, {}, in);
  REQUIRE(expected.ok());
  CHECK(after["totals"]["credits"] == compute_totals(*expected).credits);
  CHECK(after["totals"]["credits"].get<int>() > before["totals"]["credits"].get<int>());
}

TEST_CASE("--out F (and Terraform's -out F) saves a plan apply can load, bound to its state file") {
  TempDir dir;
  const std::string none = dir.file("none.db");
  Run r = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --state '" + none + "' --out '" + dir.file("a.json") + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.err.find("ugc apply") != std::string::npos);
  auto saved = load_saved_plan(dir.file("a.json"));
  REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? "" : saved.error().message()));
  CHECK(saved->state_id.empty());  // no state file yet
  CHECK(saved->bulk_create);
  auto sha = sha256_file_hex(kCampaign);
  REQUIRE(sha.ok());
  CHECK(check_plan_basis(*saved, {*sha, "any", 0}).ok());
  CHECK_FALSE(check_plan_basis(*saved, {*sha, "any", 1}).ok());

  Run t = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --state '" + none + "' -out '" + dir.file("b.json") + "'");
  REQUIRE_MESSAGE(t.exit_code == 0, t.err);
  CHECK(load_saved_plan(dir.file("b.json")).ok());
  Run before = ugc_plan(dir, "-out '" + dir.file("c.json") + "' '" + kCampaign + "' --as-of 2027-01-15 --state '" + none + "'");
  REQUIRE_MESSAGE(before.exit_code == 0, before.err);
  CHECK(load_saved_plan(dir.file("c.json")).ok());

  // With a state file, the plan records its id; --no-bulk is recorded too.
  const std::string state = dir.file("state.db");
  std::string id;
  {
    auto store = open_store(state);
    REQUIRE(store.ok());
    id = store->state_id().value();
  }
  Run bound = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --no-bulk --state '" + state + "' --out '" +
                                dir.file("d.json") + "'");
  REQUIRE_MESSAGE(bound.exit_code == 0, bound.err);
  auto d = load_saved_plan(dir.file("d.json"));
  REQUIRE(d.ok());
  CHECK(d->state_id == id);
  CHECK_FALSE(d->bulk_create);
}

TEST_CASE("--format markdown is a collapsible summary") {
  TempDir dir;
  Run r = ugc_plan(dir, "'" + kCampaign + "' --format markdown --as-of 2027-01-15 --state '" + dir.file("none.db") + "'");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("<details>") != std::string::npos);
  CHECK(r.out.find("<summary>") != std::string::npos);
}

TEST_CASE("--comment-limit cuts the markdown to fit and says where the full plan is") {
  TempDir dir;
  const std::string base = "'" + kCampaign + "' --format markdown --as-of 2027-01-15 --state '" + dir.file("none.db") + "'";
  Run whole = ugc_plan(dir, base);
  REQUIRE(whole.exit_code == 0);
  REQUIRE(whole.out.size() > 6000);
  Run cut = ugc_plan(dir, base + " --comment-limit 6000 --out '" + dir.file("wave.plan") + "'");
  INFO(cut.err);
  REQUIRE(cut.exit_code == 0);
  CHECK(cut.out.size() <= 6000);
  CHECK(cut.out.rfind("### ugc plan: `ugc-wave-1`", 0) == 0);
  CHECK(cut.out.find("not shown here: the full plan is at " + dir.file("wave.plan")) != std::string::npos);
  Run linked = ugc_plan(dir, base + " --comment-limit 6000 --full-plan-at https://ci.example/run/7");
  CHECK(linked.out.find("the full plan is at https://ci.example/run/7") != std::string::npos);
  // The text plan shows the captions a reviewer must read, with their languages.
  Run text = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-01-15 --state '" + dir.file("none.db") + "'");
  CHECK(text.out.find("Captions to review (") != std::string::npos);
  CHECK(text.out.find("    FR fr  ") != std::string::npos);
}

TEST_CASE("bad input: a precise error and exit 1") {
  TempDir dir;
  Run missing = ugc_plan(dir, "'" + dir.file("nope.yaml") + "'");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("nope.yaml") != std::string::npos);
  Run date = ugc_plan(dir, "'" + kCampaign + "' --as-of 2027-13-01");
  CHECK(date.exit_code == 1);
  CHECK(date.err.find("2027-13-01") != std::string::npos);
  Run extra = ugc_plan(dir, "'" + kCampaign + "' stray --as-of 2027-01-15 --state '" + dir.file("none.db") + "'");
  CHECK(extra.exit_code == 1);
}

TEST_CASE("a campaign lint rejects gets its errors and no plan, though lint runs beside the planning") {
  TempDir dir;
  const std::string file = std::string(UGC_TEST_DATA) + "/manifest/rules/missing-disclosure.bad.yaml";
  Run plan = ugc_plan(dir, "'" + file + "' --as-of 2027-01-15 --state '" + dir.file("none.db") + "'");
  CHECK(plan.exit_code == 1);
  CHECK_MESSAGE(plan.err.find("error(s) in the campaign") != std::string::npos, plan.err);
  CHECK_MESSAGE(plan.err.find("missing-disclosure") != std::string::npos, plan.err);
  CHECK(plan.out.empty());
}

TEST_CASE("the plan's captions review shows every finding ugc lint reports, content and date rules alike") {
  // Content warnings (promises-reach, identical-caption) and date findings as of
  // 2027-03-10 (publish-lead-time errors, same-day-all-markets, too-many-posts-per-day):
  // the plan lints the content once, when it loads the campaign, and the dates
  // with its schedule; it must show what one whole lint shows, each finding once.
  TempDir dir;
  const std::string file = std::string(UGC_TEST_DATA) + "/manifest/content-and-dates.yaml";
  Run lint = ugc_run(dir, "lint '" + file + "' --as-of 2027-03-10 --format json");
  REQUIRE_MESSAGE(!lint.out.empty(), lint.err);
  const Json findings = Json::parse(lint.out);
  Run plan = ugc_plan(dir, "'" + file + "' --as-of 2027-03-10 --state '" + dir.file("none.db") + "'");
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  const Json& diagnostics = findings["files"][0]["diagnostics"];
  REQUIRE(diagnostics.size() >= 10);
  std::set<std::string> rules;
  for (const auto& d : diagnostics) {
    const std::string message = d["message"].get<std::string>();
    const std::string detail = message.substr(message.find("': ") + 3);  // without "video '<id>': "
    const std::string line = "! " + d["severity"].get<std::string>() + "[" + d["rule"].get<std::string>() + "]: " + detail;
    CHECK_MESSAGE(plan.out.find(line) != std::string::npos, line);
    rules.insert(d["rule"].get<std::string>());
  }
  CHECK(rules == std::set<std::string>{"identical-caption", "promises-reach", "publish-lead-time", "same-day-all-markets",
                                       "too-many-posts-per-day"});
  // Each once: the review counts what lint counts.
  const std::string counts = "lint: " + std::to_string(findings["errors"].get<int>()) + " errors, " +
                             std::to_string(findings["warnings"].get<int>()) + " warnings";
  CHECK_MESSAGE(plan.out.find(counts) != std::string::npos, plan.out);
}

TEST_CASE("the review's date rules read the plan's own slot places, not those of a fresh state") {
  // Four videos on one day, two accounts. A fresh state would put two on each
  // account; this state keeps v1, v2 and v3 on account 1, so the plan posts
  // three there that day: the review says so (ugc lint, which knows no state,
  // cannot).
  TempDir dir;
  const std::string file = dir.file("crowded.yaml");
  std::ofstream(file) << R"(version: 1
campaign: crowd
creators:
  c1: {rights: {markets: [US], platforms: [tiktok], until: 2027-12-31}, disclosure: "#ad"}
media:
  clip: {creator: c1, url: "https://cdn.example.com/clip.mp4"}
markets:
  US: {language: en, platforms: [tiktok], accounts: 2, videos_per_account: 3}
accounts:
  username: "crowd.{market}{n}"
  visible_name: {en: "Crowd"}
  biography: {en: "Real routines"}
  profile_picture: "https://cdn.example.com/logo.png"
videos:
  - {id: v1, media: clip, publish_on: 2027-06-10, captions: {en: "Morning routine, part one #ad"}}
  - {id: v2, media: clip, publish_on: 2027-06-10, captions: {en: "Evening routine, part two #ad"}}
  - {id: v3, media: clip, publish_on: 2027-06-10, captions: {en: "Weekend routine, part three #ad"}}
  - {id: v4, media: clip, publish_on: 2027-06-10, captions: {en: "Travel routine, part four #ad"}}
)";
  const std::string state = dir.file("state.db");
  {
    auto campaign = manifest::load_campaign(file);
    REQUIRE_MESSAGE(campaign.ok(), campaign.error().message());
    auto plan = plan_campaign(*campaign, {}, inputs_as_of("2027-05-01"));
    REQUIRE(plan.ok());
    auto store = open_store(state);
    REQUIRE(store.ok());
    REQUIRE(record_applied(*store, *plan).ok());
    auto v2 = store->find_slot("crowd-v2-US-tiktok");
    REQUIRE((v2.ok() && *v2));
    REQUIRE((*v2)->bundle_ref == "crowd-US-tiktok-2");  // where a fresh state puts it
    state::KnownSlot moved = **v2;
    moved.bundle_ref = "crowd-US-tiktok-1";
    moved.position = 3;
    REQUIRE(store->upsert_slot(moved).ok());
    auto v3 = store->find_slot("crowd-v3-US-tiktok");
    REQUIRE((v3.ok() && *v3));
    state::KnownSlot edited = **v3;
    edited.caption = "An older caption #ad";  // v3 is in the plan (and its review): a caption to change
    REQUIRE(store->upsert_slot(edited).ok());
  }
  const std::string crowded = "3 videos on 2027-06-10 for US/tiktok/1";
  Run plan = ugc_plan(dir, "'" + file + "' --as-of 2027-05-01 --state '" + state + "'");
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  CHECK_MESSAGE(plan.out.find("too-many-posts-per-day]: " + crowded) != std::string::npos, plan.out);
  Run lint = ugc_run(dir, "lint '" + file + "' --as-of 2027-05-01");
  CHECK_MESSAGE(lint.out.find(crowded) == std::string::npos, lint.out);
}
