// `ugc refresh`, `ugc plan --refresh` and `ugc import` end to end: the real
// `ugc` binary against a `ugc sim` child; changes made "in the app" go through
// the simulator's API with the same key, as the TokPortal app would make them.
#include <doctest/doctest.h>

#include <sstream>

#include <fstream>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/state/events.hpp"
#include "ugc/state/store.hpp"

using ugc::Json;
using ugc::testing::RunResult;

namespace {

// A `ugc sim` child (clock before the campaign's dates), a copy of the small
// apply campaign and a state file in a temp dir, and `ugc` runs against them.
class RefreshSession {
 public:
  explicit RefreshSession(const std::string& campaign_dir) {
    namespace fs = std::filesystem;
    fs::copy(fs::path(campaign_dir) / "media", fs::path(dir_.path()) / "media", fs::copy_options::recursive);
    campaign_ = dir_.file("campaign.yaml");
    fs::copy_file(fs::path(campaign_dir) / "campaign.yaml", campaign_);
    sim_ = std::make_unique<ugc::testing::SimProcess>(std::vector<std::string>{"--clock", "2027-01-15"});
    REQUIRE_MESSAGE(!sim_->base_url().empty(), sim_->error());
  }
  ugc::testing::SimProcess& sim() { return *sim_; }
  const std::string& campaign() const { return campaign_; }
  std::string state() const { return dir_.file("state.db"); }
  std::string file(const std::string& name) const { return dir_.file(name); }

  RunResult ugc(std::vector<std::string> args) const {
    args.insert(args.begin(), UGC_BINARY);
    ugc::testing::RunOptions o;
    o.env["TOKPORTAL_API_KEY"] = ugc::testing::kTestApiKey;
    o.env["TOKPORTAL_BASE_URL"] = sim_->base_url();
    o.env["NO_COLOR"] = "1";
    o.cwd = dir_.path();
    return ugc::testing::run_process(args, o);
  }
  RunResult apply() const {
    return ugc({"apply", campaign_, "--auto-approve", "--format", "json", "--state", state()});
  }
  // The simulator's API request log (control requests excluded).
  std::vector<Json> api_requests() const {
    std::vector<Json> out;
    for (const Json doc = sim_->get("/__sim/requests"); const Json& r : doc["data"])
      if (r.value("path", "").rfind("/__sim", 0) != 0) out.push_back(r);
    return out;
  }
  std::vector<Json> bundles() const {
    std::vector<Json> out;
    for (const Json doc = sim_->get("/api/ext/bundles?per_page=100", true); const Json& b : doc["data"]) out.push_back(b);
    return out;
  }

 private:
  ugc::testing::TempDir dir_;
  std::unique_ptr<ugc::testing::SimProcess> sim_;
  std::string campaign_;
};

const std::string kRefreshCampaign = std::string(UGC_TEST_DATA) + "/apply/small";
const std::string kUsRef = "apply-e2e-US-tiktok-1";
const std::string kFrRef = "apply-e2e-FR-tiktok-1";

// One API call with the test key, as the TokPortal app (or another tool) would make it.
Json app_call(RefreshSession& s, const std::string& method, const std::string& path, const Json& body) {
  httplib::Client client(s.sim().root_url());
  client.set_read_timeout(30, 0);
  httplib::Headers headers{{"X-API-Key", ugc::testing::kTestApiKey}};
  const std::string full = "/api/ext" + path;
  httplib::Result res = method == "PATCH" ? client.Patch(full.c_str(), headers, body.dump(), "application/json")
                                          : client.Post(full.c_str(), headers, body.dump(), "application/json");
  REQUIRE(res);
  INFO(method << " " << path << " -> " << res->status << " " << res->body);
  REQUIRE(res->status < 300);
  return Json::parse(res->body);
}

std::string bundle_id_of(RefreshSession& s, const std::string& ref) {
  for (const Json& b : s.bundles())
    if (b.value("external_ref", "") == ref) return b["id"].get<std::string>();
  FAIL("no bundle " << ref);
  return "";
}

// The bundle's slots as the API reports them, by slot external_ref.
std::map<std::string, Json> slots_of(RefreshSession& s, const std::string& bundle_id) {
  std::map<std::string, Json> out;
  Json res = s.sim().get("/api/ext/bundles/" + bundle_id + "/videos", true);
  for (const Json& v : res["data"])
    if (v["external_ref"].is_string()) out[v["external_ref"].get<std::string>()] = v;
  return out;
}

Json json_of(const RunResult& r) {
  INFO("exit " << r.exit_code << "\nstdout: " << r.out << "\nstderr: " << r.err);
  Json doc = Json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

const Json* find_drift(const Json& refresh, const std::string& ref, const std::string& field) {
  for (const Json& d : refresh["drift"])
    if (d["ref"] == ref && d["field"] == field) return &d;
  return nullptr;
}

long long debited(RefreshSession& s) {
  long long total = 0;
  for (const Json doc = s.sim().get("/__sim/ledger"); const Json& e : doc["data"])
    if (e["type"] == "debit") total += -e["amount"].get<long long>();
  return total;
}

}  // namespace

TEST_CASE("refresh e2e: a caption and a date edited in the app show as drift and apply restores the file's values") {
  RefreshSession s(kRefreshCampaign);
  REQUIRE(s.apply().exit_code == 0);
  const std::string us = bundle_id_of(s, kUsRef);
  auto before = slots_of(s, us);
  REQUIRE(before.size() >= 2);
  const Json first = before.begin()->second;
  const Json second = std::next(before.begin())->second;
  const std::string caption_ref = first["external_ref"], date_ref = second["external_ref"];
  const std::string file_caption = first["description"], file_date = second["target_publish_date"];

  app_call(s, "PATCH", "/bundles/" + us + "/videos/" + std::to_string(first["position"].get<int>()),
           Json{{"description", "Edited in the app"}});
  app_call(s, "PATCH", "/bundles/" + us + "/videos/" + std::to_string(second["position"].get<int>()),
           Json{{"target_publish_date", "2027-04-20"}});

  const std::size_t log_before = s.api_requests().size();
  RunResult planned = s.ugc({"plan", s.campaign(), "--refresh", "--format", "json", "--state", s.state()});
  REQUIRE(planned.exit_code == 0);
  Json doc = json_of(planned);
  REQUIRE(doc.contains("refresh"));
  const Json& refresh = doc["refresh"];
  const Json* caption = find_drift(refresh, caption_ref, "caption");
  const Json* date = find_drift(refresh, date_ref, "publish_date");
  REQUIRE(caption);
  REQUIRE(date);
  CHECK((*caption)["state"] == file_caption);
  CHECK((*caption)["api"] == "Edited in the app");
  CHECK((*caption)["apply"].get<std::string>().find("patch_video") != std::string::npos);
  CHECK((*date)["state"] == file_date);
  CHECK((*date)["api"] == "2027-04-20");
  CHECK((*date)["apply"].get<std::string>().find("patch_video") != std::string::npos);

  // Requests: one page of bundles, one of bans, one slot list per bundle read;
  // the output's count is the simulator's.
  const auto reported = refresh["requests"].get<std::size_t>();
  CHECK(reported == s.api_requests().size() - log_before);
  CHECK(reported <= 2 + refresh["bundles_read"].get<std::size_t>());
  CHECK(refresh["bundles_read"].get<int>() <= 2);

  REQUIRE(s.apply().exit_code == 0);
  auto after = slots_of(s, us);
  CHECK(after[caption_ref]["description"] == file_caption);
  CHECK(after[date_ref]["target_publish_date"] == file_date);

  // Refreshed again: nothing differs, and the plan has nothing to do.
  RunResult again = s.ugc({"plan", s.campaign(), "--refresh", "--format", "json", "--state", s.state()});
  REQUIRE(again.exit_code == 0);
  Json doc2 = json_of(again);
  CHECK(doc2["refresh"]["drift"].empty());
  CHECK(doc2["actions"].empty());
}

TEST_CASE("refresh e2e: a bundle cancelled by TokPortal is recorded, then skipped while its counters stay put") {
  RefreshSession s(kRefreshCampaign);
  REQUIRE(s.apply().exit_code == 0);
  const std::string fr = bundle_id_of(s, kFrRef);
  s.sim().post("/__sim/cancel", Json{{"bundle_id", fr}});

  RunResult first = s.ugc({"refresh", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(first.exit_code == 0);
  Json doc = json_of(first);
  const Json* status = find_drift(doc, kFrRef, "status");
  REQUIRE(status);
  CHECK((*status)["api"] == "cancelled");
  CHECK((*status)["recorded"] == true);
  CHECK(doc["bundles_read"] == 2);  // the first refresh has no counters to compare with

  // Again: the cancelled bundle's counters did not move and it holds no slot
  // that can change, so only the US bundle's slots are read.
  const std::size_t log_before = s.api_requests().size();
  RunResult second = s.ugc({"refresh", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(second.exit_code == 0);
  Json doc2 = json_of(second);
  CHECK(doc2["drift"].empty());
  CHECK(doc2["bundles_read"] == 1);
  CHECK(doc2["bundles_skipped"] == 1);
  CHECK(doc2["requests"] == 3);
  CHECK(s.api_requests().size() - log_before == 3);

  // The plan shows the closed bundle's work as blocked, never buys it again.
  RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(plan.exit_code == 0);
  for (const Json doc = json_of(plan); const Json& a : doc["actions"]) CHECK(a["kind"] != "create_bundle");

  RunResult text = s.ugc({"refresh", s.campaign(), "--state", s.state()});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("API request(s)") != std::string::npos);
}

TEST_CASE("refresh e2e: a ban read from GET /account-bans is recorded once as an account.banned event") {
  RefreshSession s(kRefreshCampaign);
  REQUIRE(s.apply().exit_code == 0);
  s.sim().post("/__sim/clock", Json{{"advance_days", 3}});  // accepted, then the account is delivered
  const std::string us = bundle_id_of(s, kUsRef);
  Json banned = s.sim().post("/__sim/ban", Json{{"bundle_id", us}});
  INFO("ban: " << banned.dump());

  RunResult first = s.ugc({"refresh", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(first.exit_code == 0);
  Json doc = json_of(first);
  CHECK(doc["bans_seen"] == 1);
  CHECK(doc["bans_recorded"] == 1);
  CHECK(find_drift(doc, kUsRef, "account.banned"));
  const Json* status = find_drift(doc, kUsRef, "status");
  REQUIRE(status);
  CHECK((*status)["api"] == "cancelled");

  RunResult second = s.ugc({"refresh", s.campaign(), "--format", "json", "--state", s.state()});
  REQUIRE(second.exit_code == 0);
  CHECK(json_of(second)["bans_recorded"] == 0);  // the watermark repeats the last row; its id dedupes it

  auto store = ugc::state::Store::open(s.state(), {ugc::state::Access::read_only, false}, ugc::make_system_clock());
  REQUIRE(store.ok());
  auto events = ugc::state::recent_events(*store, 100);
  REQUIRE(events.ok());
  int bans = 0;
  for (const auto& e : *events) {
    if (e.type != "account.banned") continue;
    ++bans;
    CHECK(e.event_id.rfind("poll:account.banned:", 0) == 0);
    CHECK(e.payload["type"] == "account.banned");
    CHECK(e.payload["data"]["bundle_id"] == us);
    CHECK(e.payload["data"]["external_ref"] == kUsRef);
  }
  CHECK(bans == 1);
}

TEST_CASE("import e2e: a lost state is rebuilt from TokPortal and the next apply buys nothing") {
  RefreshSession s(kRefreshCampaign);
  REQUIRE(s.apply().exit_code == 0);
  const long long spent = debited(s);
  CHECK(spent > 0);
  const std::string fresh = s.file("rebuilt.db");

  RunResult imported = s.ugc({"import", s.campaign(), "--format", "json", "--state", fresh});
  REQUIRE(imported.exit_code == 0);
  Json doc = json_of(imported);
  CHECK(doc["adopted"].size() == 2);
  CHECK(doc["ambiguous"].empty());
  for (const Json& a : doc["adopted"]) {
    CHECK(a["slots"] == 2);  // two videos in the file, the third slot bought stays pending
    CHECK(a["account"] == true);
  }

  RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", fresh});
  REQUIRE(plan.exit_code == 0);
  Json p = json_of(plan);
  CHECK(p["actions"].empty());
  CHECK(p["totals"]["credits"] == 0);

  RunResult applied = s.ugc({"apply", s.campaign(), "--auto-approve", "--format", "json", "--state", fresh});
  CHECK(applied.exit_code == 0);
  CHECK(debited(s) == spent);
  CHECK(s.bundles().size() == 2);

  // A second import changes nothing: the refs are known.
  RunResult again = s.ugc({"import", s.campaign(), "--format", "json", "--state", fresh});
  REQUIRE(again.exit_code == 0);
  CHECK(json_of(again)["already_known"].size() == 2);
}

TEST_CASE("import e2e: bundles bought in bulk, with no external_ref, are recognised and the next apply buys nothing") {
  RefreshSession s(kRefreshCampaign);
  {
    std::ifstream in(s.campaign());
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    const std::string one = "US: {language: en, platforms: [tiktok], accounts: 1,";
    REQUIRE(yaml.find(one) != std::string::npos);
    yaml.replace(yaml.find(one), one.size(), "US: {language: en, platforms: [tiktok], accounts: 2,");
    std::ofstream(s.campaign(), std::ios::trunc) << yaml;
  }
  REQUIRE(s.apply().exit_code == 0);
  const long long spent = debited(s);
  int without_ref = 0;
  for (const Json& b : s.bundles())
    without_ref += !b.contains("external_ref") || !b["external_ref"].is_string() || b["external_ref"] == "" ? 1 : 0;
  REQUIRE(without_ref == 2);  // the two US accounts were bought in one bulk call

  const std::string fresh = s.file("rebuilt.db");
  RunResult imported = s.ugc({"import", s.campaign(), "--format", "json", "--state", fresh});
  REQUIRE_MESSAGE(imported.exit_code == 0, imported.out << imported.err);
  Json doc = json_of(imported);
  CHECK(doc["adopted"].size() == 3);
  CHECK(doc["not_found"].empty());
  CHECK(doc["notes"].dump().find("recognised") != std::string::npos);

  RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", fresh});
  REQUIRE(plan.exit_code == 0);
  CHECK(json_of(plan)["totals"]["credits"] == 0);
  RunResult applied = s.ugc({"apply", s.campaign(), "--auto-approve", "--format", "json", "--state", fresh});
  CHECK(applied.exit_code == 0);
  CHECK(debited(s) == spent);
  CHECK(s.bundles().size() == 3);
}

TEST_CASE("import e2e: two bundles with one external_ref are reported and neither is adopted") {
  RefreshSession s(kRefreshCampaign);
  // Bulk creation stores one external_ref on every bundle of the batch.
  app_call(s, "POST", "/bundles/bulk",
           Json{{"platforms", Json::array({"tiktok"})}, {"country", "USA"}, {"accounts_count", 2}, {"external_ref", kUsRef}});
  app_call(s, "POST", "/bundles",
           Json{{"bundle_type", "account_only"}, {"platform", "tiktok"}, {"country", "FR"}, {"external_ref", kFrRef}});
  const long long spent = debited(s);

  RunResult imported = s.ugc({"import", s.campaign(), "--format", "json", "--state", s.state()});
  CHECK(imported.exit_code == 3);
  Json doc = json_of(imported);
  REQUIRE(doc["ambiguous"].size() == 1);
  CHECK(doc["ambiguous"][0]["ref"] == kUsRef);
  CHECK(doc["ambiguous"][0]["bundles"].size() == 2);
  REQUIRE(doc["adopted"].size() == 1);
  CHECK(doc["adopted"][0]["ref"] == kFrRef);
  CHECK(imported.err.find("not adopted") != std::string::npos);

  auto store = ugc::state::Store::open(s.state(), {ugc::state::Access::read_only, false}, ugc::make_system_clock());
  REQUIRE(store.ok());
  CHECK_FALSE(store->find_bundle(kUsRef)->has_value());
  CHECK(store->find_bundle(kFrRef)->has_value());
  CHECK(debited(s) == spent);  // import never buys
}
