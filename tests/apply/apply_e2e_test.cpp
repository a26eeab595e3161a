// End to end: the real `ugc` binary against a real `ugc sim` child process
// over loopback, with a real SQLite state file.
#include <doctest/doctest.h>

#include <set>

#include "apply/apply_session.hpp"

using ugc::Json;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

namespace {

const std::string kSmall = std::string(UGC_TEST_DATA) + "/apply/small";

Json result_doc(const RunResult& r) {
  Json doc = Json::parse(r.out, nullptr, false);
  INFO("stdout: " << r.out);
  INFO("stderr: " << r.err);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

int count_mutating(const std::vector<Json>& requests, std::size_t from = 0) {
  int n = 0;
  for (std::size_t i = from; i < requests.size(); ++i) n += ApplySession::mutating(requests[i]) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("apply e2e: from empty, within the plan's request count, again: nothing, edits touch only what changed") {
  ApplySession s(kSmall);

  // 1. From an empty state.
  RunResult first = s.apply();
  INFO("stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  Json doc = result_doc(first);
  CHECK(doc["status"] == "ok");
  const int planned = doc["summary"]["planned_requests"].get<int>();
  CHECK(planned > 0);
  CHECK(doc["summary"]["failed"] == 0);
  CHECK(doc["summary"]["credits_charged"] == doc["summary"]["planned_credits"]);
  auto log = s.api_requests();
  // Every mutating request is one the plan listed; the only extra request is
  // the planner's read of /credit-costs (prices and the server's date).
  CHECK(count_mutating(log) == planned);
  CHECK(static_cast<int>(log.size()) <= planned + 1);
  for (const Json& r : log) CHECK(r["status"].get<int>() < 400);
  const std::size_t after_first = log.size();

  auto bundles = s.bundles();
  CHECK(bundles.size() == 2);
  std::set<std::string> refs;
  for (const Json& b : bundles) refs.insert(b.value("external_ref", ""));
  CHECK(refs == std::set<std::string>{"apply-e2e-US-tiktok-1", "apply-e2e-FR-tiktok-1"});
  log = s.api_requests();
  const std::size_t after_listing = log.size();

  // 2. Again: no changes, nothing mutating.
  RunResult second = s.apply();
  REQUIRE(second.exit_code == 0);
  log = s.api_requests();
  CHECK(count_mutating(log, after_listing) == 0);
  (void)after_first;
  // An offline plan now prices from the /credit-costs apply read, not the defaults.
  RunResult offline = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(offline.exit_code == 0);
  Json offline_plan = Json::parse(offline.out);
  REQUIRE(offline_plan.contains("notes"));
  for (const Json& note : offline_plan["notes"]) CHECK(note["target"] != "prices");

  // 3. A caption edit: one request (a PATCH or a batch PUT) for that one slot's bundle.
  s.edit_campaign("My 3-step morning routine", "My three-step morning routine");
  const std::size_t before_edit = log.size();
  RunResult third = s.apply();
  INFO("stderr: " << third.err);
  REQUIRE(third.exit_code == 0);
  log = s.api_requests();
  CHECK(count_mutating(log, before_edit) == 1);
  for (std::size_t i = before_edit; i < log.size(); ++i) {
    if (!ApplySession::mutating(log[i])) continue;
    std::string method = log[i]["method"];
    CHECK((method == "PATCH" || method == "PUT"));
  }

  // 4. A new video: only the new slots (one per market) are configured.
  s.edit_campaign("videos:\n", "videos:\n  - id: evening\n    media: review\n    captions:\n"
                               "      en: \"My evening routine #skincare #ad\"\n"
                               "      fr: \"Ma routine du soir #soin #ad\"\n"
                               "    publish_on: 2027-03-10\n");
  const std::size_t before_add = log.size();
  RunResult fourth = s.apply();
  INFO("stderr: " << fourth.err);
  REQUIRE(fourth.exit_code == 0);
  Json added = result_doc(fourth);
  log = s.api_requests();
  CHECK(count_mutating(log, before_add) == added["summary"]["planned_requests"].get<int>());
  CHECK(count_mutating(log, before_add) <= 2);  // one batch per bundle, nothing else
  for (std::size_t i = before_add; i < log.size(); ++i)
    if (ApplySession::mutating(log[i])) CHECK(log[i]["path"].get<std::string>().find("/videos") != std::string::npos);
  CHECK(added["summary"]["credits_charged"] == 0);  // free slots were bought up front
}

TEST_CASE("apply e2e: without a terminal and without --auto-approve apply refuses and changes nothing") {
  ApplySession s(kSmall);
  RunResult r = s.ugc({"apply", s.campaign(), "--state", s.state()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("--auto-approve") != std::string::npos);
  CHECK(ApplySession::mutating(Json{{"method", "GET"}}) == false);
  int mutating = 0;
  for (const Json& req : s.api_requests()) mutating += ApplySession::mutating(req) ? 1 : 0;
  CHECK(mutating == 0);
}

TEST_CASE("apply e2e: a campaign lint rejects is refused before any request, prices included") {
  // Not even the prices are read: nothing goes to the server for a campaign that cannot be applied.
  ApplySession s(kSmall);
  s.edit_campaign("first week with the serum #skincare #ad", "first week with the serum #skincare");
  RunResult r = s.apply();
  CHECK(r.exit_code == 1);
  CHECK_MESSAGE(r.err.find("missing-disclosure") != std::string::npos, r.err);
  for (const Json& req : s.api_requests())
    CHECK_MESSAGE(req["path"].get<std::string>().find("/credit-costs") == std::string::npos, req.dump());
  CHECK(s.mutating_requests() == 0);
}

TEST_CASE("apply e2e: a saved plan is applied exactly, a stale one is refused") {
  ApplySession s(kSmall);
  RunResult saved = s.ugc({"plan", s.campaign(), "--state", s.state(), "--out", s.file("wave.plan.json")});
  INFO("plan stderr: " << saved.err);
  REQUIRE((saved.exit_code == 0 || saved.exit_code == 2));

  RunResult applied = s.ugc({"apply", s.file("wave.plan.json"), "--auto-approve", "--format", "json", "--state", s.state()});
  INFO("apply stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);
  Json doc = result_doc(applied);
  CHECK(doc["summary"]["ok"].get<int>() > 0);
  int mutating = 0;
  for (const Json& req : s.api_requests()) mutating += ApplySession::mutating(req) ? 1 : 0;
  CHECK(mutating == doc["summary"]["planned_requests"].get<int>());

  // A plan saved, then the campaign edited: the plan no longer matches.
  s.edit_campaign("My 3-step morning routine", "My morning routine in 3 steps");
  RunResult saved2 = s.ugc({"plan", s.campaign(), "--state", s.state(), "--out", s.file("edit.plan.json")});
  REQUIRE((saved2.exit_code == 0 || saved2.exit_code == 2));
  s.edit_campaign("My morning routine in 3 steps", "My morning routine, 3 steps");
  RunResult stale = s.ugc({"apply", s.file("edit.plan.json"), "--auto-approve", "--state", s.state()});
  CHECK(stale.exit_code == 1);
  CHECK(stale.err.find("plan") != std::string::npos);
  // Applying the (fresh) first plan again is refused too: the state moved on.
  RunResult replay = s.ugc({"apply", s.file("wave.plan.json"), "--auto-approve", "--state", s.state()});
  CHECK(replay.exit_code == 1);
}
