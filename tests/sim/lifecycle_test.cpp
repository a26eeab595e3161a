// The manager simulation (docs/tokportal-api.md §8, checklist §11.8): pure rules,
// then the whole path publish -> accepted -> delivered -> finalized -> completed
// over real HTTP with the clock moved by POST /__sim/clock, fault injection,
// and the --speed ticker.
#include <doctest/doctest.h>

#include <algorithm>

#include "lifecycle_fixture.hpp"
#include "ugc/sim/lifecycle_rules.hpp"

using lifetest::body_of;
using lifetest::error_code;
using lifetest::eventually;
using lifetest::Json;
using lifetest::Sim;
namespace sim = ugc::sim;

namespace {

sim::TimePoint at(const char* iso) { return *sim::parse_iso8601(iso); }

sim::Bundle published_bundle_model(bool auto_finalize) {
  sim::Bundle b;
  b.id = "b1";
  b.bundle_type = "account_and_videos";
  b.platform = "tiktok";
  b.country = "USA";
  b.status = "published";
  b.auto_finalize_videos = auto_finalize;
  b.published_at = "2027-03-01T10:00:00.000Z";
  b.account.status = "configured";
  sim::VideoSlot s;
  s.id = "v1";
  s.position = 1;
  s.status = "published";
  s.published_at = b.published_at;
  s.target_publish_start_date = "2027-03-05";
  b.videos.push_back(s);
  return b;
}

// Applies steps the way the driver does, recording their kinds (status-only).
std::vector<std::string> run_rules(sim::Bundle& b, sim::TimePoint until) {
  namespace k = sim::lifecycle_keys;
  std::vector<std::string> kinds;
  sim::ManagerTimings timings;
  while (auto step = sim::next_manager_step(b, timings)) {
    if (step->at > until) break;
    kinds.push_back(sim::to_string(step->kind));
    switch (step->kind) {
      case sim::StepKind::bundle_accepted: b.status = "accepted"; sim::set_ext_time(b.ext, k::accepted_at, step->at); break;
      case sim::StepKind::account_in_review:
        b.account.status = "in_review";
        sim::set_ext_time(b.account.ext, k::in_review_at, step->at);
        sim::set_ext_time(b.account.ext, k::delivered_at, step->at);
        break;
      case sim::StepKind::account_finalized: b.account.status = "finalized"; sim::set_ext_time(b.account.ext, k::finalized_at, step->at); break;
      case sim::StepKind::slot_accepted: b.slot(step->position)->status = "accepted"; break;
      case sim::StepKind::slot_in_review:
        b.slot(step->position)->status = "in_review";
        sim::set_ext_time(b.slot(step->position)->ext, k::in_review_at, step->at);
        break;
      case sim::StepKind::slot_finalized: b.slot(step->position)->status = "finalized"; sim::set_ext_time(b.slot(step->position)->ext, k::finalized_at, step->at); break;
      case sim::StepKind::bundle_completed: b.status = "completed"; break;
    }
  }
  return kinds;
}

long count(const std::vector<std::string>& v, const std::string& x) { return std::count(v.begin(), v.end(), x); }

}  // namespace

TEST_CASE("manager rules: the order and timing of steps on a published bundle") {
  sim::Bundle b = published_bundle_model(true);
  sim::ManagerTimings timings;
  auto first = sim::next_manager_step(b, timings);
  REQUIRE(first);
  CHECK(first->kind == sim::StepKind::bundle_accepted);
  CHECK(first->at == at("2027-03-01T12:00:00Z"));  // published + 2 h

  CHECK(run_rules(b, at("2027-03-02T11:59:59Z")) == std::vector<std::string>{"bundle_accepted", "slot_accepted"});
  CHECK(b.account.status == "configured");
  CHECK(run_rules(b, at("2027-03-02T12:00:00Z")) == std::vector<std::string>{"account_in_review"});
  CHECK(run_rules(b, at("2027-03-05T11:59:59Z")).empty());
  // 72 h after delivery the account auto-finalizes; the video is posted at noon
  // UTC on its date and, with auto-finalize, finalized at once.
  CHECK(run_rules(b, at("2027-03-05T12:00:00Z")) ==
        std::vector<std::string>{"account_finalized", "slot_in_review", "slot_finalized", "bundle_completed"});
  CHECK_FALSE(sim::next_manager_step(b, timings));
}

TEST_CASE("manager rules: without auto-finalize a posted video waits 72 h, corrections restart the review") {
  sim::Bundle b = published_bundle_model(false);
  run_rules(b, at("2027-03-05T12:00:00Z"));
  CHECK(b.videos[0].status == "in_review");
  CHECK(run_rules(b, at("2027-03-08T11:59:00Z")).empty());
  CHECK(run_rules(b, at("2027-03-08T12:00:00Z")) == std::vector<std::string>{"slot_finalized", "bundle_completed"});

  sim::Bundle c = published_bundle_model(true);
  run_rules(c, at("2027-03-02T12:00:00Z"));
  c.account.status = "pending_corrections";  // a client asked for corrections
  CHECK(sim::stamp_observed_states(c, at("2027-03-03T00:00:00Z")));
  auto step = sim::next_manager_step(c, sim::ManagerTimings{});
  REQUIRE(step);
  CHECK(step->kind == sim::StepKind::account_in_review);
  CHECK(step->at == at("2027-03-04T00:00:00Z"));  // resubmitted 24 h later
}

TEST_CASE("status transitions: allowed and refused edges") {
  CHECK(sim::bundle_transition_allowed("pending_setup", "published"));
  CHECK(sim::bundle_transition_allowed("published", "pending_setup"));
  CHECK_FALSE(sim::bundle_transition_allowed("accepted", "pending_setup"));
  CHECK(sim::bundle_transition_allowed("accepted", "cancelled"));
  CHECK_FALSE(sim::bundle_transition_allowed("cancelled", "cancelled"));
  CHECK(sim::account_transition_allowed("in_review", "pending_corrections"));
  CHECK_FALSE(sim::account_transition_allowed("pending", "finalized"));
  CHECK(sim::slot_transition_allowed("accepted", "in_review"));
  CHECK_FALSE(sim::slot_transition_allowed("finalized", "cancelled"));
  CHECK(sim::parse_iso8601("2027-03-01T10:00:00.5+00:00") == at("2027-03-01T10:00:00.500Z"));
  CHECK_FALSE(sim::parse_iso8601("2027-03-01 garbage"));
}

TEST_CASE("publish -> accepted -> account delivered -> finalized -> bundle completed, driven by the clock") {
  Sim s;
  const std::string id = s.published_bundle(2);
  CHECK(s.bundle(id)["status"] == "published");

  s.advance_days(0.05);  // 1.2 h: the manager has not accepted yet
  CHECK(s.bundle(id)["status"] == "published");
  s.advance_days(0.05);  // 2.4 h
  CHECK(s.bundle(id)["status"] == "accepted");
  for (const auto& v : s.videos(id)) CHECK(v["status"] == "accepted");
  CHECK(s.bundle(id)["saved_account_id"].is_null());

  s.advance_days(1);  // account created and delivered
  Json b = s.bundle(id);
  CHECK(b["account_status"] == "in_review");
  REQUIRE(b["saved_account_id"].is_string());
  const std::string saved = b["saved_account_id"];
  Json accounts = body_of(s.get("/accounts"))["data"];
  REQUIRE(accounts.size() == 1);
  CHECK(accounts[0]["id"] == saved);
  CHECK(accounts[0]["username"] == "glowlab" + id.substr(0, 6));
  CHECK(s.get("/accounts/" + saved)->status == 200);

  s.advance_days(3);  // 72 h without action: auto-finalized
  CHECK(s.bundle(id)["account_status"] == "finalized");
  CHECK(s.bundle(id)["status"] == "accepted");

  s.advance_days(3);  // both dates (day 5 and day 6) passed: posted and finalized
  for (const auto& v : s.videos(id)) CHECK(v["status"] == "finalized");
  CHECK(s.bundle(id)["status"] == "completed");

  auto types = s.event_types();
  CHECK(count(types, "account.in_review") == 1);
  CHECK(count(types, "account.finalized") == 1);
  CHECK(count(types, "video.in_review") == 2);
  CHECK(count(types, "video.finalized") == 2);
  auto pos = [&](const std::string& t) { return std::find(types.begin(), types.end(), t) - types.begin(); };
  CHECK(pos("bundle.published") < pos("account.in_review"));
  CHECK(pos("account.in_review") < pos("account.finalized"));
  CHECK(pos("account.finalized") < pos("video.in_review"));
  Json posted;
  for (const auto& e : s.events())
    if (e["type"] == "video.in_review") posted = e;
  CHECK(posted["data"]["post_url"].get<std::string>().starts_with("https://www.tiktok.com/@glowlab"));
  CHECK(posted["data"]["saved_account_id"] == saved);
}

TEST_CASE("without auto_finalize_videos a posted video stays in review for 72 h") {
  Sim s;
  const std::string id = s.published_bundle(1, "UK", "instagram", false, 4);
  s.advance_days(4.6);  // past the post time (day 4, 12:00)
  CHECK(s.videos(id)[0]["status"] == "in_review");
  s.advance_days(2.5);
  CHECK(s.videos(id)[0]["status"] == "in_review");
  s.advance_days(1);
  CHECK(s.videos(id)[0]["status"] == "finalized");
  Json accounts = body_of(s.get("/accounts"))["data"];
  REQUIRE(accounts.size() == 1);
  CHECK(accounts[0]["country"] == "GB");
  CHECK(accounts[0]["platform"] == "instagram");
}

TEST_CASE("fault injection: ban cancels the bundle, remake delivers a new account on the same bundle") {
  Sim s;
  const std::string id = s.published_bundle(2);
  auto r = s.control("/__sim/ban", Json{{"bundle_id", id}});
  CHECK(r->status == 409);  // nothing delivered yet
  CHECK(error_code(r) == "SIM_FAULT_NOT_APPLICABLE");
  CHECK(error_code(s.control("/__sim/ban", Json{{"bundle_id", "nope"}})) == "BUNDLE_NOT_FOUND");
  CHECK(error_code(s.control("/__sim/ban", Json::object())) == "VALIDATION_ERROR");

  s.advance_days(1.2);
  const std::string first = s.bundle(id)["saved_account_id"];
  const long before = static_cast<long>(s.events().size());
  r = s.control("/__sim/ban", Json{{"bundle_id", id}});
  REQUIRE(r->status == 200);
  CHECK(s.event_types(before) == std::vector<std::string>{"account.banned", "bundle.cancelled"});
  CHECK(s.bundle(id)["status"] == "cancelled");
  for (const auto& v : s.videos(id)) CHECK(v["status"] == "cancelled");
  Json acc = body_of(s.get("/accounts/" + first))["data"];
  CHECK(acc["banned"] == true);
  CHECK(s.control("/__sim/ban", Json{{"bundle_id", id}})->status == 409);  // already banned

  const long mark = static_cast<long>(s.events().size());
  r = s.control("/__sim/remake", Json{{"bundle_id", id}});
  REQUIRE(r->status == 200);
  Json b = s.bundle(id);
  CHECK(b["status"] == "accepted");
  CHECK(b["account_status"] == "in_review");
  REQUIRE(b["saved_account_id"].is_string());
  CHECK(b["saved_account_id"] != first);
  Json events = s.events(mark);
  REQUIRE(events.size() == 2);
  CHECK(events[0]["type"] == "account.remade");
  CHECK(events[0]["data"]["previous_saved_account_id"] == first);
  CHECK(events[0]["data"]["saved_account_id"] == b["saved_account_id"]);
  CHECK(events[0]["data"]["bundle_id"] == id);
  for (const auto& v : s.videos(id)) CHECK(v["status"] == "accepted");

  s.advance_days(8);  // the remade account runs the bundle to completion
  CHECK(s.bundle(id)["status"] == "completed");
}

TEST_CASE("fault injection: pending corrections on the account and on a video") {
  Sim s;
  const std::string id = s.published_bundle(1, "FR", "tiktok", false, 5);
  CHECK(error_code(s.control("/__sim/corrections", Json{{"bundle_id", id}})) == "SIM_FAULT_NOT_APPLICABLE");
  s.advance_days(1.2);
  auto r = s.control("/__sim/corrections", Json{{"bundle_id", id}, {"comment", "bio typo"}});
  REQUIRE(r->status == 200);
  CHECK(s.bundle(id)["account_status"] == "pending_corrections");
  CHECK(s.event_types().back() == "account.pending_corrections");
  s.advance_days(1.01);  // the manager resubmits within a day
  CHECK(s.bundle(id)["account_status"] == "in_review");

  s.advance_days(3.5);  // day ~5.7: the video is posted (no auto-finalize)
  REQUIRE(s.videos(id)[0]["status"] == "in_review");
  r = s.control("/__sim/corrections", Json{{"bundle_id", id}, {"position", 1}});
  REQUIRE(r->status == 200);
  CHECK(s.videos(id)[0]["status"] == "pending_corrections");
  CHECK(s.event_types().back() == "video.pending_corrections");
  CHECK(error_code(s.control("/__sim/corrections", Json{{"bundle_id", id}, {"position", 9}})) == "VIDEO_NOT_FOUND");
  s.advance_days(1.01);
  CHECK(s.videos(id)[0]["status"] == "in_review");
}

TEST_CASE("--speed runs the manager on its own: N simulated days per real second") {
  Sim s(lifetest::sim_options({{"speed", "2"}, {"lifecycle_tick_ms", "20"}}));
  const std::string id = s.published_bundle(1);
  // 2 days per second: the account is delivered about 1.1 simulated days after publishing.
  CHECK(eventually([&] { return s.bundle(id)["account_status"] == "in_review"; }, std::chrono::seconds(5)));
  auto clock = body_of(s.client->Get("/__sim/clock"));
  CHECK(clock["data"].dump().find("2027-03-0") != std::string::npos);
}

TEST_CASE("client review actions: finalize and corrections on the account and on a video") {
  Sim s;
  const std::string id = s.published_bundle(1, "USA", "tiktok", false, 4);
  auto r = s.post("/bundles/" + id + "/account/finalize");
  CHECK(r->status == 409);
  CHECK(error_code(r) == "ACCOUNT_INVALID_STATUS");
  CHECK(body_of(r)["error"]["details"]["current_status"] == "configured");
  CHECK(error_code(s.post("/bundles/nope/account/finalize")) == "BUNDLE_NOT_FOUND");

  s.advance_days(1.2);  // delivered
  r = s.post("/bundles/" + id + "/account/corrections", Json::object());
  CHECK(r->status == 400);
  CHECK(error_code(r) == "VALIDATION_ERROR");
  CHECK(error_code(s.post("/bundles/" + id + "/account/corrections", Json{{"comment", "x"}, {"extra", 1}})) ==
        "UNKNOWN_FIELD");
  r = s.post("/bundles/" + id + "/account/corrections", Json{{"comment", "Use the brand name"}, {"fields", {{"visible_name", "Glow Lab US"}}}});
  REQUIRE_MESSAGE(r->status == 200, r->body);
  CHECK(s.bundle(id)["account_status"] == "pending_corrections");
  Json ev = s.events().back();
  CHECK(ev["type"] == "account.pending_corrections");
  CHECK(ev["data"]["comment"] == "Use the brand name");
  s.advance_days(1.01);
  CHECK(s.bundle(id)["account_status"] == "in_review");
  r = s.post("/bundles/" + id + "/account/finalize");
  REQUIRE(r->status == 200);
  CHECK(body_of(r)["data"]["status"] == "finalized");
  CHECK(s.event_types().back() == "account.finalized");

  CHECK(error_code(s.post("/bundles/" + id + "/videos/1/finalize")) == "VIDEO_INVALID_STATUS");
  CHECK(error_code(s.post("/bundles/" + id + "/videos/7/finalize")) == "VIDEO_NOT_FOUND");
  s.advance_days(2.5);  // day ~4.7: posted, waiting for review
  REQUIRE(s.videos(id)[0]["status"] == "in_review");
  r = s.post("/bundles/" + id + "/videos/1/corrections", Json{{"comment", "Wrong caption"}});
  REQUIRE(r->status == 200);
  CHECK(body_of(r)["data"]["status"] == "pending_corrections");
  s.advance_days(1.01);
  REQUIRE(s.videos(id)[0]["status"] == "in_review");
  r = s.post("/bundles/" + id + "/videos/1/finalize");
  REQUIRE(r->status == 200);
  CHECK(body_of(r)["data"]["status"] == "finalized");
  CHECK(s.bundle(id)["status"] == "completed");  // account and the only video are done
}
