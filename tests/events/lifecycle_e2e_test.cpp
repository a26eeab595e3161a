// End to end: a real `ugc sim` child delivers its lifecycle webhooks to a real
// `ugc webhooks serve` child sharing the state file that `ugc apply` wrote for
// the example campaign; the simulator's clock is moved through its control
// API, and `ugc status --format json` must then agree with what the simulator
// itself says about every bundle. Then a ban: status shows it, plan blocks the
// bundle's videos and buys nothing until the file opts in with
// `on_cancel: replace`, when the replacement is priced like any create.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "events/receiver_process.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

using ugc::Json;
using namespace ugc::testing;

namespace {

const std::string kWave = std::string(UGC_SOURCE_DIR) + "/campaigns";

// The simulator's own view of one bundle's video slots, bucketed as §8.3
// groups them (independently of ugc's code).
struct SimCounts {
  int videos = 0, configured = 0, published = 0, in_review = 0, posted = 0, finalized = 0, failed = 0;
};

SimCounts sim_counts(const Json& videos) {
  SimCounts c;
  for (const Json& v : videos) {
    const std::string s = v.value("status", "");
    if (s == "pending") continue;  // bought, never configured: ugc records no slot
    ++c.videos;
    if (s == "configured") ++c.configured;
    if (s == "published" || s == "accepted") ++c.published;
    if (s == "in_review" || s == "pending_corrections") ++c.in_review, ++c.posted;
    if (s == "finalized") ++c.finalized, ++c.posted;
    if (s == "cancelled") ++c.failed;
  }
  return c;
}

class LifecycleRun {
 public:
  LifecycleRun() : sim_({"--clock", "2027-01-15"}) {
    REQUIRE_MESSAGE(!sim_.base_url().empty(), sim_.error());
    std::filesystem::copy(kWave + "/media", dir_.file("media"), std::filesystem::copy_options::recursive);
    campaign_ = dir_.file("ugc-wave-1.yaml");
    std::filesystem::copy_file(kWave + "/ugc-wave-1.yaml", campaign_);
    // The endpoint first (its secret is shown only on creation), then the
    // receiver with that secret, then the endpoint pointed at its port.
    Json types = Json::array();
    for (const Json doc = api("GET", "/webhooks/events"); const Json& t : doc["data"]["events"])
      if (t.value("emitted", false)) types.push_back(t["type"]);
    Json created = api("POST", "/webhooks", {{"url", "http://127.0.0.1:9/"}, {"events", types}})["data"];
    receiver_ = std::make_unique<ServedReceiver>(std::vector<std::string>{}, created["signing_secret"].get<std::string>());
    api("PATCH", "/webhooks/" + created["id"].get<std::string>(), {{"url", receiver_->url() + "/tokportal"}});
  }

  Json api(const std::string& method, const std::string& path, const Json& body = Json()) {
    httplib::Client c(sim_.root_url());
    c.set_read_timeout(30, 0);
    httplib::Headers h = {{"X-API-Key", kTestApiKey}};
    const std::string url = "/api/ext" + path;
    auto r = method == "GET"     ? c.Get(url.c_str(), h)
             : method == "PATCH" ? c.Patch(url.c_str(), h, body.dump(), "application/json")
                                 : c.Post(url.c_str(), h, body.dump(), "application/json");
    REQUIRE(r);
    INFO(method << " " << path << ": " << r->body);
    REQUIRE(r->status / 100 == 2);
    return Json::parse(r->body);
  }

  RunResult ugc(std::vector<std::string> args) {
    args.insert(args.begin(), UGC_BINARY);
    RunOptions o;
    o.env = {{"TOKPORTAL_API_KEY", kTestApiKey}, {"TOKPORTAL_BASE_URL", sim_.base_url()}, {"NO_COLOR", "1"}};
    o.cwd = dir_.path();
    return run_process(args, o);
  }
  void apply() {
    auto r = ugc({"apply", campaign_, "--auto-approve", "--format", "json", "--state", state()});
    INFO("apply stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
  }
  Json status(int expected_exit) {
    auto r = ugc({"status", campaign_, "--state", state(), "--format", "json"});
    INFO("status stderr: " << r.err);
    REQUIRE(r.exit_code == expected_exit);
    return Json::parse(r.out);
  }
  Json status_any() {
    auto r = ugc({"status", campaign_, "--state", state(), "--format", "json"});
    INFO("status stderr: " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 4));
    return Json::parse(r.out);
  }
  Json plan() {
    auto r = ugc({"plan", campaign_, "--state", state(), "--format", "json", "--as-of", "2027-01-18"});
    INFO("plan stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return Json::parse(r.out);
  }

  // Moves the simulated clock; the manager runs and webhooks go out.
  void set_date(const std::string& date) {
    Json r = sim_.post("/__sim/clock", {{"date", date}});
    REQUIRE_MESSAGE(r.contains("data"), r.dump());
  }
  // Every event the simulator emitted has reached the state file.
  void wait_for_deliveries() {
    const std::size_t emitted = sim_.get("/__sim/events?since=0", true)["data"]["events"].size();
    for (int i = 0; i < 600 && receiver_->stored().size() < emitted; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(receiver_->stored().size() == emitted);
  }

  std::vector<Json> sim_bundles() {
    std::vector<Json> out;
    for (const Json doc = api("GET", "/bundles?per_page=100"); const Json& b : doc["data"]) out.push_back(b);
    return out;
  }
  Json sim_videos(const std::string& id) { return api("GET", "/bundles/" + id + "/videos")["data"]; }
  SimProcess& sim() { return sim_; }
  std::string state() const { return receiver_->state_path(); }
  void edit_campaign(const std::string& from, const std::string& to) {
    std::ifstream in(campaign_);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(campaign_, std::ios::trunc) << text;
  }

 private:
  TempDir dir_;
  SimProcess sim_;
  std::string campaign_;
  std::unique_ptr<ServedReceiver> receiver_;
};

std::map<std::string, Json> status_bundles(const Json& status) {
  std::map<std::string, Json> out;
  for (const Json& m : status["markets"])
    for (const Json& b : m["bundles"]) out[b["external_ref"].get<std::string>()] = b;
  return out;
}

// By TokPortal bundle id: bundles bought in bulk carry no external_ref in the API.
std::map<std::string, Json> status_bundles_by_id(const Json& status) {
  std::map<std::string, Json> out;
  for (const Json& m : status["markets"])
    for (const Json& b : m["bundles"]) out[b["bundle_id"].get<std::string>()] = b;
  return out;
}

}  // namespace

TEST_CASE("lifecycle e2e: webhooks carry every market to posted and ugc status counts what the simulator counts") {
  LifecycleRun run;
  run.apply();
  run.wait_for_deliveries();
  Json before = run.status(0);
  CHECK(before["slots"]["posted"] == 0);

  run.set_date("2027-06-01");  // past every publish date and review window
  run.wait_for_deliveries();
  Json after = run.status(0);
  CHECK(after["needs_attention"] == false);
  REQUIRE(after["markets"].size() == 6);
  for (const Json& m : after["markets"]) {
    INFO(m["market"] << " " << m["platform"]);
    CHECK(m["slots"]["videos"].get<int>() > 0);
    CHECK(m["slots"]["posted"] == m["slots"]["videos"]);
  }

  auto mine = status_bundles_by_id(after);
  const auto sims = run.sim_bundles();
  CHECK(sims.size() == mine.size());
  for (const Json& b : sims) {
    const std::string id = b["id"];
    INFO("bundle " << id);
    REQUIRE(mine.count(id));
    const Json& s = mine[id];
    // `completed` is inferred (§8.1, no event): a bundle ugc last heard of as accepted may be it.
    const bool completed = b["status"] == "completed" && s["status"] == "accepted";
    CHECK((s["status"] == b["status"] || completed));
    CHECK(s["account"]["status"] == b["account"]["status"]);
    CHECK(s["account"]["username"] == b["account"]["username"]);
    const SimCounts c = sim_counts(run.sim_videos(b["id"]));
    CHECK(s["slots"]["videos"] == c.videos);
    CHECK(s["slots"]["configured"] == c.configured);
    CHECK(s["slots"]["published"] == c.published);
    CHECK(s["slots"]["in_review"] == c.in_review);
    CHECK(s["slots"]["posted"] == c.posted);
    CHECK(s["slots"]["finalized"] == c.finalized);
    CHECK(s["slots"]["failed"] == c.failed);
    CHECK(s["last_event_at"].is_string());
    for (const Json& v : s["videos"]) {
      CHECK(v["creator"].is_string());
      CHECK(v["post_url"].is_string());
    }
  }
}

TEST_CASE("lifecycle e2e: a ban shows in status, blocks the bundle's videos in plan, and buys a replacement only on opt-in") {
  LifecycleRun run;
  run.apply();
  run.set_date("2027-01-18");  // accounts delivered, nothing posted yet
  run.wait_for_deliveries();
  REQUIRE(run.status(0)["needs_attention"] == false);

  std::string banned_id, banned_ref;
  for (const Json& b : run.sim_bundles())
    if (b["external_ref"] == "ugc-wave-1-FR-tiktok-1") {
      banned_id = b["id"].get<std::string>();
      banned_ref = b["external_ref"].get<std::string>();
    }
  REQUIRE(!banned_id.empty());
  Json ban = run.sim().post("/__sim/ban", {{"bundle_id", banned_id}});
  REQUIRE_MESSAGE(ban.contains("data"), ban.dump());
  run.wait_for_deliveries();

  Json status = run.status(4);
  CHECK(status["needs_attention"] == true);
  Json fr = status_bundles(status)[banned_ref];
  CHECK(fr["status"] == "cancelled");
  CHECK(fr["cancel_reason"] == "account_banned");
  CHECK(fr["account"]["status"] == "banned");
  CHECK(fr["bans"].size() == 1);
  CHECK(fr["attention"].size() >= 2);
  const int unposted = fr["slots"]["videos"].get<int>() - fr["slots"]["posted"].get<int>();
  CHECK(unposted > 0);

  // Without the opt-in: blocked with the reason, nothing bought.
  Json plan = run.plan();
  bool blocked = false;
  for (const Json& b : plan["blocked"]) {
    if (b["target"] != banned_ref) continue;
    blocked = true;
    CHECK(b["reason"].get<std::string>().find("banned") != std::string::npos);
    CHECK(static_cast<int>(b["changes"].size()) == unposted);
  }
  CHECK(blocked);
  CHECK(plan["totals"]["bundles_to_create"] == 0);
  CHECK(plan["totals"]["credits"] == 0);

  // With `on_cancel: replace` on FR: one create for the replacement, priced as any create.
  run.edit_campaign("FR: {language: fr, platforms: [tiktok], accounts: 1, videos_per_account: 6}",
                    "FR: {language: fr, platforms: [tiktok], accounts: 1, videos_per_account: 6, on_cancel: replace}");
  plan = run.plan();
  CHECK(plan["totals"]["bundles_to_create"] == 1);
  const Json& costs = plan["credit_costs"];
  int creates = 0;
  for (const Json& a : plan["actions"]) {
    if (a["kind"] != "create_bundle" && a["kind"] != "create_bundles_bulk") continue;
    ++creates;
    const Json& rec = a["records"]["bundles"][0];
    CHECK(rec["external_ref"] == banned_ref + "~r1");
    CHECK(rec["videos_quantity"] == unposted);
    CHECK(a["credits"] == costs["account_creation"].get<int>() + unposted * costs["video_slot"].get<int>() +
                              costs["niche_warming"].get<int>());
  }
  CHECK(creates == 1);
  CHECK(plan["totals"]["credits"].get<int>() >= costs["account_creation"].get<int>());
  bool still_blocked = false;
  for (const Json& b : plan["blocked"]) still_blocked = still_blocked || b["target"] == banned_ref;
  CHECK_FALSE(still_blocked);

  // Applying it moves the videos to the new bundle; status follows.
  run.apply();
  run.wait_for_deliveries();
  auto after = status_bundles(run.status_any());
  REQUIRE(after.count(banned_ref + "~r1"));
  CHECK(after[banned_ref + "~r1"]["slots"]["videos"] == unposted);
}
