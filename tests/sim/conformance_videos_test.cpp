// Conformance: bundle account, video slots and publishing (docs/tokportal-api.md §5.6-§5.10, §6).
// The simulated today is 2027-01-10: new-account bundles accept dates from 2027-01-13.
#include <doctest/doctest.h>

#include "sim_harness.hpp"

using namespace simtest;

TEST_CASE("configure bundle account: validation and success") {
  SimHarness sim;
  auto id = sim.create_bundle();
  const std::string path = "/bundles/" + id + "/account";
  CHECK(sim.put(path, Json{{"visible_name", "x"}}).code() == "VALIDATION_ERROR");
  CHECK(sim.put(path, Json{{"username", std::string(25, 'a')}, {"visible_name", "x"}}).code() == "VALIDATION_ERROR");
  CHECK(sim.put(path, Json{{"username", "bad name!"}, {"visible_name", "x"}}).code() == "VALIDATION_ERROR");
  CHECK(sim.put(path, Json{{"username", "ok"}, {"visible_name", std::string(31, 'v')}}).code() == "VALIDATION_ERROR");
  CHECK(sim.put(path, Json{{"username", "ok"}, {"visible_name", "v"}, {"biography", std::string(81, 'b')}}).code() == "VALIDATION_ERROR");
  CHECK(sim.put(path, Json{{"username", "ok"}, {"visible_name", "v"}, {"link_in_bio", "https://x.io"}}).code() == "VALIDATION_ERROR");  // TikTok
  CHECK(sim.put(path, Json{{"username", "ok"}, {"visible_name", "v"}, {"target", 1}}).code() == "UNKNOWN_FIELD");
  auto r = sim.configure_account(id, "glow.lab_1");
  REQUIRE(r.status == 200);
  CHECK(r.data()["id"] == id);
  CHECK(r.data()["account"]["username"] == "glow.lab_1");
  CHECK(r.data()["account"]["configured_at"].is_string());
  CHECK(sim.get(path).data()["status"] == "configured");
  CHECK(sim.get("/bundles/" + id).data()["account_configured"] == true);
  CHECK(sim.get("/bundles/" + id).data()["account_status"] == "configured");
}

TEST_CASE("configure one video: PUT replaces, date rules, unknown fields") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 5);
  const std::string p1 = "/bundles/" + id + "/videos/1";
  Json item = SimHarness::video_item(1, "2027-01-13");
  item.erase("position");
  item["name"] = "first";
  auto r = sim.put(p1, item);
  REQUIRE(r.status == 200);
  CHECK(r.data()["status"] == "configured");
  CHECK(r.data()["target_publish_start_date"] == "2027-01-13");
  CHECK(r.data()["target_publish_end_date"] == "2027-01-14");
  CHECK(r.data()["name"] == "first");
  item.erase("name");
  CHECK(sim.put(p1, item).data()["name"].is_null());  // PUT replaces

  auto too_soon = item;
  too_soon["target_publish_date"] = "2027-01-12";
  auto e = sim.put(p1, too_soon);
  CHECK(e.status == 400);
  CHECK(e.code() == "INVALID_DATE");
  CHECK(e.body["error"]["details"] == Json{{"min_days_ahead", 3}, {"earliest_allowed", "2027-01-13"}, {"date", "2027-01-12"}});
  auto end_date = item;
  end_date["target_publish_end_date"] = "2027-01-15";
  CHECK(sim.put(p1, end_date).code() == "UNKNOWN_FIELD");
  auto bad_type = item;
  bad_type["video_type"] = "reel";
  CHECK(sim.put(p1, bad_type).code() == "VALIDATION_ERROR");
  auto no_url = item;
  no_url.erase("video_url");
  CHECK(sim.put(p1, no_url).code() == "VALIDATION_ERROR");
  auto bad_date = item;
  bad_date["target_publish_date"] = "2027-02-30";
  CHECK(sim.put(p1, bad_date).code() == "VALIDATION_ERROR");
  CHECK(sim.put("/bundles/" + id + "/videos/6", item).code() == "VIDEO_NOT_FOUND");
  CHECK(sim.put("/bundles/" + id + "/videos/6", item).status == 404);
  auto ig = item;
  ig["instagram_content_type"] = "reel";
  auto ignored = sim.put(p1, ig);
  CHECK(ignored.data()["ignored_fields"] == Json{"instagram_content_type"});
}

TEST_CASE("at most three videos per day per bundle") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 5);
  for (int pos = 1; pos <= 3; ++pos) {
    Json item = SimHarness::video_item(pos, "2027-01-20");
    item.erase("position");
    REQUIRE(sim.put("/bundles/" + id + "/videos/" + std::to_string(pos), item).status == 200);
  }
  Json fourth = SimHarness::video_item(4, "2027-01-20");
  fourth.erase("position");
  auto r = sim.put("/bundles/" + id + "/videos/4", fourth);
  CHECK(r.status == 409);
  CHECK(r.code() == "VIDEOS_PER_DAY_EXCEEDED");
  CHECK(r.body["error"]["details"]["date"] == "2027-01-20");
  CHECK(r.body["error"]["details"]["current_count"] == 3);
  // Reconfiguring a slot on its own day does not count against itself.
  Json again = SimHarness::video_item(2, "2027-01-20");
  again.erase("position");
  CHECK(sim.put("/bundles/" + id + "/videos/2", again).status == 200);
}

TEST_CASE("batch configure: per-position results, partial failure") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 4);
  Json bad_date = SimHarness::video_item(2, "2027-01-11");
  Json inner_auto = SimHarness::video_item(3, "2027-01-14");
  inner_auto["auto_publish"] = true;
  auto r = sim.put("/bundles/" + id + "/videos/batch",
                   Json{{"videos", {SimHarness::video_item(1, "2027-01-14"), bad_date, inner_auto,
                                    SimHarness::video_item(9, "2027-01-14")}}});
  REQUIRE(r.status == 200);
  CHECK(r.data()["configured"] == 1);
  CHECK(r.data()["failed"] == 3);
  const Json& res = r.data()["results"];
  CHECK(res[0]["success"] == true);
  CHECK(res[0]["video"]["status"] == "configured");
  CHECK(res[1]["error"]["code"] == "INVALID_DATE");
  CHECK(res[2]["error"]["code"] == "UNKNOWN_FIELD");
  CHECK(res[3]["error"]["code"] == "VIDEO_NOT_FOUND");
  CHECK(sim.put("/bundles/" + id + "/videos/batch", Json::array()).code() == "VALIDATION_ERROR");  // bare array
  CHECK(sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", Json::array()}}).code() == "VALIDATION_ERROR");
  CHECK(sim.put("/bundles/" + id + "/videos/batch", Json{{"items", Json::array()}}).code() == "UNKNOWN_FIELD");
}

TEST_CASE("publish: readiness gate, blockers, then success with events") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 2);
  auto ready = sim.get("/bundles/" + id + "/publish-readiness");
  CHECK(ready.data()["ready"] == false);
  REQUIRE(ready.data()["blockers"].size() == 2);
  CHECK(ready.data()["blockers"][0]["code"] == "ACCOUNT_MISSING_FIELDS");
  CHECK(ready.data()["blockers"][1]["code"] == "NO_VIDEOS_CONFIGURED");
  auto refused = sim.post("/bundles/" + id + "/publish");
  CHECK(refused.status == 409);
  CHECK(refused.code() == "ACCOUNT_NOT_CONFIGURED");
  CHECK(refused.body["error"]["details"]["blockers"].size() == 2);

  sim.configure_account(id);
  REQUIRE(sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(1, "2027-01-13")}}}).status == 200);
  CHECK(sim.get("/bundles/" + id + "/publish-readiness").data()["ready"] == true);
  auto ok = sim.post("/bundles/" + id + "/publish");
  REQUIRE(ok.status == 200);
  CHECK(ok.data()["status"] == "published");
  CHECK(ok.data()["published_at"].is_string());
  CHECK(sim.get("/bundles/" + id + "/videos/1").data()["status"] == "published");
  CHECK(sim.get("/bundles/" + id + "/videos/2").data()["status"] == "pending");
  auto again = sim.post("/bundles/" + id + "/publish");
  CHECK(again.status == 409);
  CHECK(again.code() == "BUNDLE_ALREADY_PUBLISHED");
  auto blockers = sim.get("/bundles/" + id + "/publish-readiness").data()["blockers"];
  CHECK(blockers[0]["code"] == "BUNDLE_ALREADY_PUBLISHED");
  // Account profile is frozen after publish.
  CHECK(sim.configure_account(id).code() == "BUNDLE_INVALID_STATUS");
  CHECK(sim.post("/bundles/" + id + "/publish", Json{{"force", true}}).code() == "VALIDATION_ERROR");
}

TEST_CASE("publish moves stale dates forward and reports adjusted_videos") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1);
  sim.configure_account(id);
  sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(1, "2027-01-13")}}});
  sim.control("POST", "/__sim/clock", Json{{"advance_days", 2}});  // today 2027-01-12, earliest 2027-01-15
  auto r = sim.post("/bundles/" + id + "/publish");
  REQUIRE(r.status == 200);
  REQUIRE(r.data()["adjusted_videos"].size() == 1);
  CHECK(r.data()["adjusted_videos"][0]["previous_date"] == "2027-01-13");
  CHECK(r.data()["adjusted_videos"][0]["new_date"] == "2027-01-15");
  CHECK(r.data()["adjusted_videos"][0]["position"] == 1);
  CHECK(r.data()["adjusted_videos_note"].is_string());
  CHECK(sim.get("/bundles/" + id + "/videos/1").data()["target_publish_end_date"] == "2027-01-16");
}

TEST_CASE("batch with top-level auto_publish publishes the bundle in the same call") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 2);
  sim.configure_account(id);
  auto r = sim.put("/bundles/" + id + "/videos/batch",
                   Json{{"videos", {SimHarness::video_item(1, "2027-01-13"), SimHarness::video_item(2, "2027-01-15")}},
                        {"auto_publish", true}});
  REQUIRE(r.status == 200);
  CHECK(r.data()["auto_publish"]["published"] == true);
  CHECK(r.data()["results"][1]["video"]["status"] == "published");
  CHECK(sim.get("/bundles/" + id).data()["status"] == "published");
  // Not ready -> reported, configuration kept.
  auto id2 = sim.create_bundle("USA", 1);
  auto r2 = sim.put("/bundles/" + id2 + "/videos/batch",
                    Json{{"videos", {SimHarness::video_item(1, "2027-01-13")}}, {"auto_publish", true}});
  CHECK(r2.data()["auto_publish"]["published"] == false);
  CHECK(r2.data()["auto_publish"]["error"]["code"] == "ACCOUNT_NOT_CONFIGURED");
  CHECK(sim.get("/bundles/" + id2 + "/videos/1").data()["status"] == "configured");
}

TEST_CASE("unpublish returns the bundle to pending_setup") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1);
  CHECK(sim.post("/bundles/" + id + "/unpublish").code() == "BUNDLE_INVALID_STATUS");
  sim.configure_account(id);
  sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(1, "2027-01-13")}}, {"auto_publish", true}});
  auto r = sim.post("/bundles/" + id + "/unpublish");
  REQUIRE(r.status == 200);
  CHECK(r.data()["status"] == "pending_setup");
  CHECK(r.data()["unpublished_at"].is_string());
  CHECK(sim.configure_account(id, "renamed").status == 200);
  CHECK(sim.get("/credits/balance").data()["total_credits"] == 100000 - 34);  // no refund, no charge
}

TEST_CASE("add video slots on an active bundle, configure, publish-all, publish one") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1);
  sim.configure_account(id);
  sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(1, "2027-01-13")}}, {"auto_publish", true}});
  auto add = sim.post("/bundles/" + id + "/add-video-slots", Json{{"quantity", 3}});
  REQUIRE(add.status == 200);
  CHECK(add.data()["positions"] == Json{2, 3, 4});
  CHECK(add.data()["videos_quantity"] == 4);
  CHECK(add.body["credits_charged"] == 6);
  CHECK(sim.post("/bundles/" + id + "/add-video-slots", Json{{"quantity", 0}}).code() == "VALIDATION_ERROR");
  CHECK(sim.get("/bundles/" + id + "/videos/4").data()["status"] == "pending");
  CHECK(sim.post("/bundles/" + id + "/videos/2/publish").code() == "VIDEO_INVALID_STATUS");

  sim.put("/bundles/" + id + "/videos/batch",
          Json{{"videos", {SimHarness::video_item(2, "2027-01-14"), SimHarness::video_item(3, "2027-01-14"),
                           SimHarness::video_item(4, "2027-01-15")}}});
  auto one = sim.post("/bundles/" + id + "/videos/4/publish");
  REQUIRE(one.status == 200);
  CHECK(one.data()["status"] == "published");
  CHECK(one.data()["position"] == 4);
  auto all = sim.post("/bundles/" + id + "/videos/publish-all");
  REQUIRE(all.status == 200);
  CHECK(all.data()["videos_published"] == 2);
  CHECK(sim.post("/bundles/" + id + "/videos/publish-all").data()["videos_published"] == 0);  // safe to retry
}

TEST_CASE("publish one moves a date that became too close") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 2);
  sim.configure_account(id);
  sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(1, "2027-01-20")}}, {"auto_publish", true}});
  sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(2, "2027-01-14")}}});
  // Today becomes the slot's own day: whatever lead time applies by then, the date is stale.
  sim.control("POST", "/__sim/clock", Json{{"date", "2027-01-14"}});
  auto r = sim.post("/bundles/" + id + "/videos/2/publish");
  REQUIRE(r.status == 200);
  CHECK(r.data()["date_adjusted"] == true);
  CHECK(r.data()["original_date"] == "2027-01-14");
  CHECK(r.data()["new_date"].get<std::string>() > "2027-01-14");
  CHECK(r.data()["hint"].is_string());
}

TEST_CASE("publish-all and publish one need an active bundle") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1);
  CHECK(sim.post("/bundles/" + id + "/videos/publish-all").code() == "BUNDLE_INVALID_STATUS");
  CHECK(sim.post("/bundles/" + id + "/videos/1/publish").code() == "BUNDLE_INVALID_STATUS");
}

TEST_CASE("patch video: metadata any time, schedule with lead time") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 2);
  const std::string p = "/bundles/" + id + "/videos/1";
  CHECK(sim.patch(p, Json::object()).code() == "VALIDATION_ERROR");
  CHECK(sim.patch(p, Json{{"video_url", "x"}}).code() == "UNKNOWN_FIELD");
  auto r = sim.patch(p, Json{{"external_ref", "camp-review-US-tiktok"}, {"name", "Review"}});
  CHECK(r.data()["external_ref"] == "camp-review-US-tiktok");
  CHECK(r.data()["status"] == "pending");
  auto window = sim.patch(p, Json{{"target_publish_start_date", "2027-01-20"}, {"target_publish_end_date", "2027-01-23"}});
  CHECK(window.data()["target_publish_end_date"] == "2027-01-23");
  CHECK(sim.patch(p, Json{{"target_publish_start_date", "2027-01-20"}}).code() == "VALIDATION_ERROR");
  CHECK(sim.patch(p, Json{{"target_publish_date", "2027-01-10"}}).code() == "INVALID_DATE");
  CHECK(sim.patch(p, Json{{"target_publish_date", "2027-01-21"}}).data()["target_publish_end_date"] == "2027-01-22");
}

TEST_CASE("unschedule and reset") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 2);
  sim.configure_account(id);
  sim.put("/bundles/" + id + "/videos/batch", Json{{"videos", {SimHarness::video_item(1, "2027-01-14")}}, {"auto_publish", true}});
  CHECK(sim.post("/bundles/" + id + "/videos/2/unschedule").code() == "VIDEO_INVALID_STATUS");
  auto u = sim.post("/bundles/" + id + "/videos/1/unschedule");
  CHECK(u.data()["status"] == "configured");
  auto reset = sim.post("/bundles/" + id + "/videos/1/reset");
  CHECK(reset.data()["status"] == "pending");
  CHECK(reset.data()["video_url"].is_null());
  CHECK(reset.data()["target_publish_date"].is_null());
}

TEST_CASE("add-ons are charged once per slot") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1);
  Json item = SimHarness::video_item(1, "2027-01-14");
  item.erase("position");
  item["volume_original_sound"] = 40;
  auto first = sim.put("/bundles/" + id + "/videos/1", item);
  CHECK(first.body["credits_charged"] == 1);
  item["volume_original_sound"] = 60;
  auto second = sim.put("/bundles/" + id + "/videos/1", item);
  CHECK(!second.body.contains("credits_charged"));
}

TEST_CASE("delivered accounts: empty list, not found, filter validation") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1);
  CHECK(sim.get("/bundles/" + id + "/account").status == 200);
  CHECK(sim.get("/accounts").data().empty());
  CHECK(sim.get("/accounts").body["pagination"]["total"] == 0);
  CHECK(sim.get("/accounts/nope").code() == "SAVED_ACCOUNT_NOT_FOUND");
  CHECK(sim.get("/accounts?banned=maybe").code() == "VALIDATION_ERROR");
}
