// Conformance: POST /bundles, /bundles/bulk, list, get, update (docs/tokportal-api.md §5).
#include <doctest/doctest.h>

#include "sim_harness.hpp"

using namespace simtest;

TEST_CASE("create bundle: 201, canonical country, slots pending, money siblings") {
  SimHarness sim;
  auto r = sim.post("/bundles", Json{{"bundle_type", "account_and_videos"}, {"platform", "tiktok"}, {"country", "US"},
                                     {"videos_quantity", 3}, {"title", "Wave 1"}, {"external_ref", "w1-US-tiktok-1"}});
  REQUIRE(r.status == 201);
  const Json& d = r.data();
  CHECK(d["id"] == d["bundle_id"]);
  CHECK(d["id"].get<std::string>().size() == 36);
  CHECK(d["id"].get<std::string>()[14] == '4');  // UUID v4
  CHECK(d["country"] == "USA");
  CHECK(d["status"] == "pending_setup");
  CHECK(d["review_mode"] == "auto");
  CHECK(d["auto_finalize_videos"] == true);
  CHECK(d["account_status"] == "pending");
  CHECK(r.body["credits_charged"] == 38);
  CHECK(r.body["credits_remaining"] == 100000 - 38);
  CHECK(r.body["cost_breakdown"] ==
        Json{{"account_creation", 32}, {"video_slots", 6}, {"edit_slots", 0}, {"advanced_warming", 0}, {"total", 38}});
  auto videos = sim.get("/bundles/" + d["id"].get<std::string>() + "/videos");
  REQUIRE(videos.data().size() == 3);
  CHECK(videos.data()[2]["position"] == 3);
  CHECK(videos.data()[2]["status"] == "pending");
  CHECK(sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "GB"}}).data()["country"] == "UK");
}

TEST_CASE("ids are deterministic for a seed") {
  std::string first, second;
  { SimHarness sim; first = sim.create_bundle(); }
  { SimHarness sim; second = sim.create_bundle(); }
  CHECK(first == second);
}

TEST_CASE("create bundle validation errors") {
  SimHarness sim;
  auto code = [&](Json body) { return sim.post("/bundles", body).code(); };
  auto status = [&](Json body) { return sim.post("/bundles", body).status; };
  CHECK(code(Json{{"platform", "tiktok"}, {"country", "USA"}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_pro"}, {"country", "USA"}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"options", {}}}) == "UNKNOWN_FIELD");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "ZZ"}}) == "COUNTRY_NOT_ENABLED");
  CHECK(status(Json{{"bundle_type", "account_only"}, {"country", "ZZ"}}) == 400);
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "PK"}}) == "COUNTRY_NOT_ENABLED");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "usa"}}) == "COUNTRY_NOT_ENABLED");
  CHECK(code(Json{{"bundle_type", "account_only"}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"platform", "youtube"}}) == "YOUTUBE_DELAYED");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"platform", "snapchat"}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_and_videos"}, {"country", "USA"}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_and_videos"}, {"country", "USA"}, {"videos_quantity", 501}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_and_videos"}, {"country", "USA"}, {"videos_quantity", 2}, {"edits_quantity", 3}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"account_id", "x"}}) == "ACCOUNT_ID_NOT_ALLOWED");
  CHECK(code(Json{{"bundle_type", "videos_only"}, {"account_id", "nope"}, {"videos_quantity", 1}}) == "SAVED_ACCOUNT_NOT_FOUND");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"title", std::string(201, 't')}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"wants_deep_warming", true}}) == "DEEP_WARMING_DEPRECATED");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"wants_advanced_warming", true},
                  {"advanced_warming_terms_count", 4}}) == "ADVANCED_WARMING_TERMS");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"wants_advanced_warming", true},
                  {"advanced_warming_terms", {"skin care", "Skin Care ", "serum", "spf", "retinol"}}}) == "ADVANCED_WARMING_TERMS");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"advanced_warming_terms_count", 3}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"wants_advanced_warming", true},
                  {"advanced_warming_terms_count", 3}, {"wants_niche_warming", true},
                  {"niche_warming_instructions", "beauty"}}) == "WARMING_CONFLICT");
  // Nothing above was charged.
  CHECK(sim.get("/credits/balance").data()["total_credits"] == 100000);
}

TEST_CASE("advanced warming is priced per target") {
  SimHarness sim;
  auto r = sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "FR"}, {"wants_advanced_warming", true},
                                     {"advanced_warming_terms", {"skin care", "serum", "spf", "Serum "}}});
  // duplicates removed -> 3 terms -> 15 credits
  REQUIRE(r.status == 201);
  CHECK(r.body["cost_breakdown"]["advanced_warming"] == 15);
  CHECK(r.body["credits_charged"] == 47);
}

TEST_CASE("duplicate external_ref on a new-account bundle") {
  SimHarness sim;
  auto id = sim.create_bundle("USA", 1, Json{{"external_ref", "camp-US-tiktok-1"}});
  auto dup = sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "USA"}, {"external_ref", "camp-US-tiktok-1"}});
  CHECK(dup.status == 409);
  CHECK(dup.code() == "DUPLICATE_ACCOUNT_BUNDLE");
  CHECK(dup.body["error"]["details"]["existing_bundle_id"] == id);
}

TEST_CASE("insufficient credits: 402 with required/available/missing/breakdown, nothing created") {
  auto o = default_options();
  o.credits = 40;
  SimHarness sim(o);
  auto r = sim.post("/bundles", Json{{"bundle_type", "account_and_videos"}, {"country", "USA"}, {"videos_quantity", 5}});
  CHECK(r.status == 402);
  CHECK(r.code() == "INSUFFICIENT_CREDITS");
  const Json& d = r.body["error"]["details"];
  CHECK(d["required"] == 42);
  CHECK(d["available"] == 40);
  CHECK(d["missing"] == 2);
  CHECK(d["breakdown"]["video_slots"] == 10);
  CHECK(sim.get("/bundles").body["pagination"]["total"] == 0);
}

TEST_CASE("dry run validates and prices without creating or charging") {
  SimHarness sim;
  auto r = sim.post("/bundles", Json{{"bundle_type", "account_and_videos"}, {"country", "USA"}, {"videos_quantity", 3}},
                    {{"X-TokPortal-Dry-Run", "true"}});
  REQUIRE(r.status == 201);
  CHECK(r.data()["id"].get<std::string>().rfind("00000000-0000-4000-8000-", 0) == 0);
  CHECK(r.body["credits_charged"] == 0);
  CHECK(r.body["credits_would_charge"] == 38);
  CHECK(r.body["credits_remaining"] == 100000);
  CHECK(r.body["dry_run"] == true);
  CHECK(r.body["dry_run_notice"].is_string());
  CHECK(sim.get("/bundles").body["pagination"]["total"] == 0);
  CHECK(sim.get("/credits/balance").data()["total_credits"] == 100000);
  auto bad = sim.post("/bundles", Json{{"bundle_type", "account_only"}, {"country", "XX"}}, {{"X-TokPortal-Dry-Run", "true"}});
  CHECK(bad.code() == "COUNTRY_NOT_ENABLED");
}

TEST_CASE("bulk create: accounts x platforms, uploaders first, one debit") {
  SimHarness sim;
  auto r = sim.post("/bundles/bulk", Json{{"platforms", {"tiktok", "instagram"}}, {"country", "DE"}, {"accounts_count", 10},
                                          {"upload_accounts_count", 3}, {"videos_per_account", 5},
                                          {"external_ref", "wave-DE"}});
  REQUIRE(r.status == 201);
  CHECK(r.data()["total_count"] == 20);
  const Json& bundles = r.data()["bundles"];
  REQUIRE(bundles.size() == 20);
  int with_videos = 0, slots = 0;
  for (const auto& b : bundles) {
    CHECK(b["country"] == "DE");
    CHECK(b["external_ref"] == "wave-DE");
    if (b["bundle_type"] == "account_and_videos") ++with_videos;
    slots += b["videos_quantity"].get<int>();
  }
  CHECK(with_videos == 6);
  CHECK(slots == 30);
  CHECK(bundles[0]["bundle_type"] == "account_and_videos");
  CHECK(bundles[3]["bundle_type"] == "account_only");
  CHECK(bundles[10]["platform"] == "instagram");
  CHECK(r.body["credits_charged"] == 20 * 32 + 30 * 2);
  auto ledger = sim.control("GET", "/__sim/ledger");
  CHECK(ledger.data().size() == 2);  // starting balance + one debit
  auto listed = sim.get("/bundles?external_ref=wave-DE&per_page=100");
  CHECK(listed.body["pagination"]["total"] == 20);
  CHECK(sim.post("/bundles/bulk", Json{{"platforms", {"tiktok"}}, {"country", "DE"}, {"accounts_count", 1},
                                        {"external_ref", "wave-DE"}}).code() == "DUPLICATE_ACCOUNT_BUNDLE");
}

TEST_CASE("bulk create validation") {
  SimHarness sim;
  auto code = [&](Json body) { return sim.post("/bundles/bulk", body).code(); };
  CHECK(code(Json{{"platforms", Json::array()}, {"country", "DE"}, {"accounts_count", 1}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"platforms", {"tiktok"}}, {"country", "DE"}, {"accounts_count", 101}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"platforms", {"tiktok"}}, {"country", "DE"}, {"accounts_count", 2}, {"upload_accounts_count", 3}}) == "VALIDATION_ERROR");
  CHECK(code(Json{{"platforms", {"youtube"}}, {"country", "DE"}, {"accounts_count", 1}}) == "YOUTUBE_DELAYED");
  CHECK(code(Json{{"platforms", {"tiktok"}}, {"country", "DE"}, {"accounts_count", 1}, {"edits", 1}}) == "UNKNOWN_FIELD");
  CHECK(code(Json{{"platforms", {"tiktok"}}, {"country", "Mars"}, {"accounts_count", 1}}) == "COUNTRY_NOT_ENABLED");
  auto o = default_options();
  o.credits = 100;
  SimHarness poor(o);
  auto r = poor.post("/bundles/bulk", Json{{"platforms", {"tiktok"}}, {"country", "DE"}, {"accounts_count", 4}});
  CHECK(r.status == 402);
  CHECK(poor.get("/bundles").body["pagination"]["total"] == 0);  // all or nothing
}

TEST_CASE("list bundles: pagination and filters") {
  SimHarness sim;
  sim.post("/bundles/bulk", Json{{"platforms", {"tiktok"}}, {"country", "IT"}, {"accounts_count", 30}});
  sim.create_bundle("ES", 2, Json{{"platform", "instagram"}, {"external_ref", "es-1"}});
  auto p1 = sim.get("/bundles");
  CHECK(p1.data().size() == 25);
  CHECK(p1.body["pagination"] == Json{{"page", 1}, {"per_page", 25}, {"total", 31}, {"total_pages", 2}});
  auto p2 = sim.get("/bundles?page=2");
  CHECK(p2.data().size() == 6);
  CHECK(sim.get("/bundles?page=3").data().empty());
  CHECK(sim.get("/bundles?per_page=100").data().size() == 31);
  CHECK(sim.get("/bundles?per_page=101").code() == "VALIDATION_ERROR");
  CHECK(sim.get("/bundles?page=0").code() == "VALIDATION_ERROR");
  CHECK(sim.get("/bundles?platform=instagram").data().size() == 1);
  CHECK(sim.get("/bundles?bundle_type=account_and_videos").data().size() == 1);
  CHECK(sim.get("/bundles?external_ref=es-1").data()[0]["country"] == "ES");
  CHECK(sim.get("/bundles?external_ref=es").data().empty());  // exact match only
  CHECK(sim.get("/bundles?status=pending_setup").body["pagination"]["total"] == 31);
  CHECK(sim.get("/bundles?account_status=configured").data().empty());
  CHECK(sim.get("/bundles?status=done").code() == "VALIDATION_ERROR");
}

TEST_CASE("get bundle: computed fields, not found, not owned") {
  SimHarness sim;
  auto id = sim.create_bundle();
  auto r = sim.get("/bundles/" + id);
  CHECK(r.data()["is_published"] == false);
  CHECK(r.data()["account_configured"] == false);
  CHECK(r.data()["videos_configured_count"] == 0);
  CHECK(r.data()["saved_account_id"].is_null());
  CHECK(sim.get("/bundles/00000000-0000-4000-8000-000000000000").code() == "BUNDLE_NOT_FOUND");
  auto other = sim.call("GET", "/bundles/" + id, nullptr, {}, kOtherKey);
  CHECK(other.status == 403);
  CHECK(other.code() == "BUNDLE_NOT_OWNED");
}

TEST_CASE("update bundle metadata") {
  SimHarness sim;
  auto id = sim.create_bundle();
  auto r = sim.patch("/bundles/" + id, Json{{"title", "New"}, {"external_ref", "ref-2"}, {"auto_finalize_videos", false}});
  CHECK(r.status == 200);
  CHECK(r.data()["title"] == "New");
  CHECK(r.data()["auto_finalize_videos"] == false);
  CHECK(sim.patch("/bundles/" + id, Json{{"title", nullptr}}).data()["title"].is_null());
  CHECK(sim.patch("/bundles/" + id, Json::object()).code() == "VALIDATION_ERROR");
  CHECK(sim.patch("/bundles/" + id, Json{{"country", "FR"}}).code() == "UNKNOWN_FIELD");
}
