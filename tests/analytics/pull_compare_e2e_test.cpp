// End to end: `ugc apply`, then `ugc analytics pull` and `ugc analytics FILE
// --by ...` (the real binary) against a real `ugc sim` child, with the sim's
// clock moved between pulls and a ban and remake in between. The expected
// figures are computed here from the simulator's own answers, read through its
// API independently of ugc.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "ugc/analytics/snapshot_record.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/state/analytics_snapshots.hpp"
#include "ugc/state/store.hpp"

namespace fs = std::filesystem;
using ugc::Json;
using ugc::testing::RunResult;
using ugc::testing::SimProcess;

namespace {

const std::string kStatsCampaign = std::string(UGC_TEST_DATA) + "/analytics";

class AnalyticsSession {
 public:
  AnalyticsSession() : sim_({"--clock", "2027-01-15", "--seed", "7"}) {
    REQUIRE_MESSAGE(!sim_.base_url().empty(), sim_.error());
    fs::copy(kStatsCampaign, dir_.path(), fs::copy_options::recursive);
    campaign_ = dir_.file("campaign.yaml");
  }

  RunResult ugc(std::vector<std::string> args) const {
    args.insert(args.begin(), UGC_BINARY);
    ugc::testing::RunOptions o;
    o.env["TOKPORTAL_API_KEY"] = ugc::testing::kTestApiKey;
    o.env["TOKPORTAL_BASE_URL"] = sim_.base_url();
    o.env["NO_COLOR"] = "1";
    o.cwd = dir_.path();
    return ugc::testing::run_process(args, o);
  }
  Json ugc_json(std::vector<std::string> args, int expected_exit = 0) const {
    RunResult r = ugc(std::move(args));
    INFO("stdout: " << r.out);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == expected_exit);
    Json doc = Json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
  }
  Json pull(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"analytics", "pull", campaign_, "--state", state(), "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return ugc_json(args);
  }
  Json compare(const std::string& by, const std::string& metric = "views") const {
    return ugc_json({"analytics", campaign_, "--state", state(), "--by", by, "--metric", metric, "--format", "json"});
  }
  void move_clock_to(const std::string& date) {
    Json r = sim_.post("/__sim/clock", Json{{"date", date}});
    REQUIRE_MESSAGE(r.contains("data"), r.dump());
  }
  std::size_t api_request_count() const {
    Json log = sim_.get("/__sim/requests");
    std::size_t n = 0;
    for (const Json& r : log["data"]) n += r.value("path", "").rfind("/__sim", 0) == 0 ? 0 : 1;
    return n;
  }
  std::vector<Json> api_requests_since(std::size_t from) const {
    std::vector<Json> out;
    for (const Json doc = sim_.get("/__sim/requests"); const Json& r : doc["data"])
      if (r.value("path", "").rfind("/__sim", 0) != 0) out.push_back(r);
    return std::vector<Json>(out.begin() + static_cast<long>(std::min(from, out.size())), out.end());
  }

  SimProcess& sim() { return sim_; }
  const std::string& campaign() const { return campaign_; }
  std::string state() const { return dir_.file("state.db"); }
  std::string file(const std::string& name) const { return dir_.file(name); }

 private:
  ugc::testing::TempDir dir_;
  SimProcess sim_;
  std::string campaign_;
};

// One post as the simulator's stored scrape shows it, read without refreshing.
struct RawPost {
  std::string video, market, platform;
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0;
};

std::int64_t raw_metric(const RawPost& p, const std::string& metric) {
  if (metric == "likes") return p.likes;
  if (metric == "comments") return p.comments;
  if (metric == "shares") return p.shares;
  return p.views;
}

// Every post of every account seen so far (a banned account's posts keep its
// last scrape), keyed by slot external_ref "stats-<video>-<market>-<platform>".
std::map<std::string, RawPost> read_sim_posts(const SimProcess& sim, std::set<std::string>& accounts) {
  for (const Json doc = sim.get("/api/ext/bundles?per_page=100", true); const Json& b : doc["data"])
    if (b["saved_account_id"].is_string()) accounts.insert(b["saved_account_id"].get<std::string>());
  std::map<std::string, RawPost> out;
  for (const auto& id : accounts) {
    for (int page = 1;; ++page) {
      Json res = sim.get("/api/ext/accounts/" + id + "/analytics/videos?per_page=100&page=" + std::to_string(page), true);
      if (res.contains("error")) {
        REQUIRE(res["error"]["code"] == "ANALYTICS_NOT_FOUND");
        break;
      }
      for (const Json& v : res["data"]) {
        const std::string ref = v["external_ref"].get<std::string>();
        std::vector<std::string> parts;
        std::size_t at = 0;
        for (std::size_t dash; (dash = ref.find('-', at)) != std::string::npos; at = dash + 1)
          parts.push_back(ref.substr(at, dash - at));
        parts.push_back(ref.substr(at));
        REQUIRE(parts.size() == 4);
        out[ref] = RawPost{parts[1], parts[2], parts[3], v["views"].get<std::int64_t>(), v["likes"].get<std::int64_t>(),
                           v["comments"].get<std::int64_t>(), v["shares"].get<std::int64_t>()};
      }
      if (page >= res["pagination"]["total_pages"].get<int>()) break;
    }
  }
  return out;
}

// The campaign file's join, written out by hand: creator of each video, and
// the caption variant each market gets.
std::string creator_of(const RawPost& p) { return p.video == "review" ? "ben" : "ana"; }
std::string caption_of(const RawPost& p) {
  return p.video + "/" + (p.market == "US" ? "en" : "fr");
}

struct Expected {
  int posts = 0;
  double total = 0, base = 0;
  std::vector<double> values;
  double median() const {
    auto v = values;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  }
};

template <class KeyOf>
std::map<std::string, Expected> expected_groups(const std::map<std::string, RawPost>& now,
                                                const std::map<std::string, RawPost>& before, KeyOf key_of,
                                                const std::string& metric) {
  std::map<std::string, Expected> out;
  for (const auto& [ref, p] : now) {
    Expected& e = out[key_of(p)];
    const auto v = static_cast<double>(raw_metric(p, metric));
    e.posts++;
    e.total += v;
    e.values.push_back(v);
    if (auto it = before.find(ref); it != before.end()) e.base += static_cast<double>(raw_metric(it->second, metric));
  }
  return out;
}

template <class KeyOf>
void check_comparison(const Json& doc, const std::map<std::string, RawPost>& now,
                      const std::map<std::string, RawPost>& before, KeyOf key_of, const std::string& metric) {
  const auto expected = expected_groups(now, before, key_of, metric);
  INFO("comparison: " << doc.dump());
  REQUIRE(doc["rows"].size() == expected.size());
  double previous_total = 1e300;
  for (const Json& row : doc["rows"]) {
    const std::string key = row["group"].get<std::string>();
    INFO("group " << key);
    REQUIRE(expected.count(key));
    const Expected& e = expected.at(key);
    CHECK(row["posts"].get<int>() == e.posts);
    CHECK(row["total"].get<double>() == e.total);
    CHECK(row["median"].get<double>() == doctest::Approx(e.median()).epsilon(1e-9));
    CHECK(row["average"].get<double>() == doctest::Approx(std::round(e.total / e.posts * 100) / 100));
    CHECK(row["change"].get<double>() == e.total - e.base);
    CHECK(row["total"].get<double>() <= previous_total);  // ranked
    previous_total = row["total"].get<double>();
  }
}

int count_outcome(const Json& pull, const std::string& outcome) {
  int n = 0;
  for (const Json& a : pull["accounts"]) n += a["outcome"] == outcome ? 1 : 0;
  return n;
}

// From `ugc status`, as ugc recorded it: bundles bought in bulk carry no
// external_ref in the API (docs/tokportal-api.md 5.2).
std::string bundle_id_of(AnalyticsSession& s, const std::string& external_ref) {
  RunResult r = s.ugc({"status", s.campaign(), "--format", "json", "--state", s.state()});
  const Json status = Json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(status.is_object(), "ugc status: " << r.out << r.err);
  for (const Json& m : status["markets"])
    for (const Json& b : m["bundles"])
      if (b["external_ref"] == external_ref && b["bundle_id"].is_string()) return b["bundle_id"].get<std::string>();
  FAIL("no bundle " << external_ref);
  return "";
}


}  // namespace

TEST_CASE("analytics e2e: pull, move the clock, ban and remake, pull again: tables equal the sim's own numbers") {
  AnalyticsSession s;
  RunResult applied = s.ugc({"apply", s.campaign(), "--auto-approve", "--format", "json", "--state", s.state()});
  INFO("apply stderr: " << applied.err);
  REQUIRE(applied.exit_code == 0);

  // Accounts delivered, two posts each (03-01 and 03-03, 12:00), nothing scraped yet.
  s.move_clock_to("2027-03-04");
  Json nothing = s.pull({"--no-refresh"});
  CHECK(count_outcome(nothing, "no_data") == 4);
  RunResult empty_table = s.ugc({"analytics", s.campaign(), "--state", s.state()});
  CHECK(empty_table.exit_code == 0);
  CHECK(empty_table.out.find("No analytics stored yet") != std::string::npos);

  // First pull: per account can-refresh, refresh, account, one page of posts;
  // plus one page of GET /bundles for the whole campaign.
  std::size_t log_mark = s.api_request_count();
  Json first = s.pull();
  CHECK(count_outcome(first, "refreshed") == 4);
  CHECK(first["requests"] == 1 + 4 * 4);
  CHECK(s.api_request_count() - log_mark == first["requests"].get<std::size_t>());
  for (const Json& a : first["accounts"]) {
    CHECK(a["posts"] == 2);
    CHECK(a["scraped_at"].is_string());
    CHECK(a["age_seconds"].is_number());
  }

  // Again at once: every account is inside its cooldown and its scrape is
  // stored, so nothing but the bundle list is asked and nothing is refreshed.
  log_mark = s.api_request_count();
  Json again = s.pull();
  CHECK(count_outcome(again, "kept") == 4);
  CHECK(again["requests"] == 1);
  for (const Json& r : s.api_requests_since(log_mark)) CHECK(r["method"] == "GET");

  std::set<std::string> accounts;
  const auto at_first = read_sim_posts(s.sim(), accounts);
  CHECK(at_first.size() == 8);

  // The US TikTok account is banned and remade: same bundle, new saved account.
  const std::string us_tiktok = bundle_id_of(s, "stats-US-tiktok-1");
  CHECK(s.sim().post("/__sim/ban", Json{{"bundle_id", us_tiktok}}).contains("data"));
  CHECK(s.sim().post("/__sim/remake", Json{{"bundle_id", us_tiktok}}).contains("data"));
  s.move_clock_to("2027-03-07");

  Json second = s.pull();
  CHECK(count_outcome(second, "refreshed") == 4);
  const auto at_second = read_sim_posts(s.sim(), accounts);
  CHECK(accounts.size() == 5);  // the remade account is new
  CHECK(at_second.size() > at_first.size());

  check_comparison(s.compare("market"), at_second, at_first, [](const RawPost& p) { return p.market; }, "views");
  check_comparison(s.compare("platform"), at_second, at_first, [](const RawPost& p) { return p.platform; }, "views");
  check_comparison(s.compare("creator", "likes"), at_second, at_first, creator_of, "likes");
  check_comparison(s.compare("video", "comments"), at_second, at_first, [](const RawPost& p) { return p.video; },
                   "comments");
  check_comparison(s.compare("caption", "shares"), at_second, at_first, caption_of, "shares");

  // One history per market: the bundle's account snapshots carry both
  // accounts under the one bundle ref.
  auto store = ugc::state::Store::open(s.state(), {ugc::state::Access::read_only}, ugc::make_system_clock());
  REQUIRE(store.ok());
  auto rows = ugc::state::snapshots(*store, "stats-US-tiktok-1");
  REQUIRE(rows.ok());
  std::set<std::string> account_ids;
  for (const auto& row : *rows)
    if (auto a = ugc::analytics::account_snapshot_from(row)) account_ids.insert(a->account_id);
  CHECK(account_ids.size() == 2);
  Json by_market = s.compare("market");
  CHECK(by_market["rows"].size() == 2);

  // The three formats: CSV and JSON parse with standard tools and carry the table's numbers.
  RunResult table = s.ugc({"analytics", s.campaign(), "--state", s.state(), "--by", "market"});
  RunResult csv = s.ugc({"analytics", s.campaign(), "--state", s.state(), "--by", "market", "--format", "csv"});
  REQUIRE(table.exit_code == 0);
  REQUIRE(csv.exit_code == 0);
  CHECK(table.out.find("Data scraped ") != std::string::npos);
  std::ofstream(s.file("market.csv")) << csv.out;
  std::ofstream(s.file("market.json")) << by_market.dump();
  RunResult parsed = ugc::testing::run_process(
      {"/usr/bin/env", "python3", "-c",
       "import csv, json, sys\n"
       "rows = list(csv.DictReader(open(sys.argv[1])))\n"
       "doc = json.load(open(sys.argv[2]))\n"
       "want = doc['rows'] + [doc['all']]\n"
       "assert len(rows) == len(want), (rows, want)\n"
       "for r, j in zip(rows, want):\n"
       "  assert r['market'] == j['group'], (r, j)\n"
       "  for k in ('posts', 'total', 'median', 'average', 'change'):\n"
       "    assert float(r[k]) == float(j[k]), (k, r, j)\n"
       "print('ok')\n",
       s.file("market.csv"), s.file("market.json")});
  INFO("python: " << parsed.out << parsed.err);
  CHECK(parsed.exit_code == 0);
  for (const Json& row : by_market["rows"]) {
    CHECK(table.out.find(row["group"].get<std::string>()) != std::string::npos);
    CHECK(table.out.find(std::to_string(row["total"].get<std::int64_t>())) != std::string::npos);
    char median[64];
    std::snprintf(median, sizeof median, "%.2f", row["median"].get<double>());
    CHECK(table.out.find(median) != std::string::npos);
  }
}

TEST_CASE("analytics CLI: bad flags and a campaign the state does not know are precise errors") {
  AnalyticsSession s;
  RunResult bad_by = s.ugc({"analytics", s.campaign(), "--by", "country"});
  CHECK(bad_by.exit_code != 0);
  CHECK(bad_by.err.find("--by") != std::string::npos);
  RunResult bad_since = s.ugc({"analytics", s.campaign(), "--since", "last week", "--state", s.state()});
  CHECK(bad_since.exit_code == 1);
  CHECK(bad_since.err.find("--since") != std::string::npos);
  RunResult no_state = s.ugc({"analytics", "pull", s.campaign(), "--state", s.file("missing.db")});
  CHECK(no_state.exit_code == 1);
  CHECK(no_state.err.find("missing.db") != std::string::npos);
  RunResult no_file = s.ugc({"analytics"});
  CHECK(no_file.exit_code == 1);
  CHECK(no_file.err.find("FILE") != std::string::npos);
}
