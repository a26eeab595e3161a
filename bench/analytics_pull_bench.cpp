// analytics_pull_bench: how many requests `ugc analytics pull` makes for a big
// campaign, against the lower bound, and how long the API's rate limit makes
// it take.
//
//   build/bench/analytics_pull_bench [--quick] [--markets N] [--videos N] [--per-account N]
//                                    [--refill R] [--ugc PATH]
//
// Default: the generated 50 markets x 2 platforms x 200 videos campaign
// (bench/campaign_generator, 50 videos per account: 400 accounts, 20 000
// posts). On a fresh `ugc sim` (bucket 120, refill --refill/s, default 1000 so
// that the apply before it takes seconds): `ugc apply`, the clock moved past
// the last post, then `ugc analytics pull` twice (the second inside every
// account's refresh cooldown). It reports, per pull, the requests the
// simulator logged (and ugc's own count), the lower bound
//   ceil(bundles / 100)  +  sum over accounts of (can-refresh + refresh + account + ceil(posts / 100)),
// the wall time, and the time the contract's limit (120 at once, then 2/s)
// would need for that many requests: max(0, requests - 120) / 2 seconds.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "campaign_generator.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "ugc/core/json.hpp"

namespace fs = std::filesystem;
using ugc::Json;
using ugc::testing::RunOptions;
using ugc::testing::RunResult;
using ugc::testing::SimProcess;
using ugc::testing::run_process;
using WallClock = std::chrono::steady_clock;

namespace {

struct PullBenchFlags {
  ugc::bench::GeneratorOptions gen;
  double refill = 1000;
  std::string ugc = UGC_BINARY;
};

PullBenchFlags parse_pull_bench_flags(int argc, char** argv) {
  PullBenchFlags f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--quick") {
      f.gen.markets = 5;
      f.gen.videos = 20;
      f.gen.videos_per_account = 10;
    } else if (a == "--markets") f.gen.markets = std::stoi(next());
    else if (a == "--videos") f.gen.videos = std::stoi(next());
    else if (a == "--per-account") f.gen.videos_per_account = std::stoi(next());
    else if (a == "--refill") f.refill = std::stod(next());
    else if (a == "--ugc") f.ugc = next();
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      std::exit(2);
    }
  }
  return f;
}

std::size_t logged_api_requests(const SimProcess& sim) {
  std::size_t n = 0;
  const Json log = sim.get("/__sim/requests");  // bound first: a range-for over a temporary's member dangles
  for (const Json& r : log["data"]) n += r.value("path", "").rfind("/__sim", 0) == 0 ? 0 : 1;
  return n;
}

struct PullRun {
  Json report;
  double seconds = 0;
  std::size_t logged = 0;
};

PullRun run_pull(const PullBenchFlags& f, const SimProcess& sim, const std::string& campaign, const std::string& state) {
  RunOptions o;
  o.env["TOKPORTAL_API_KEY"] = ugc::testing::kTestApiKey;
  o.env["TOKPORTAL_BASE_URL"] = sim.base_url();
  o.timeout = std::chrono::seconds(3600);
  const std::size_t before = logged_api_requests(sim);
  const auto t0 = WallClock::now();
  RunResult r = run_process({f.ugc, "analytics", "pull", campaign, "--state", state, "--format", "json"}, o);
  PullRun run;
  run.seconds = std::chrono::duration<double>(WallClock::now() - t0).count();
  if (r.exit_code != 0) {
    std::fprintf(stderr, "pull failed (%d): %s\n", r.exit_code, r.err.c_str());
    std::exit(1);
  }
  run.report = Json::parse(r.out);
  run.logged = logged_api_requests(sim) - before;
  return run;
}

void print_pull(const char* name, const PullRun& run, std::size_t bundles) {
  long long posts = 0, pages = 0, accounts = 0;
  for (const Json& a : run.report["accounts"]) {
    posts += a["posts"].get<long long>();
    pages += a["pages"].get<long long>();
    accounts += a["outcome"] == "refreshed" ? 1 : 0;
  }
  const long long bound = static_cast<long long>((bundles + 99) / 100) + 3 * accounts + pages;
  const double requests = static_cast<double>(run.logged);
  std::printf("%s: %zu requests logged by the sim (ugc counted %lld), lower bound %lld "
              "(%zu bundle(s) listed, %lld accounts refreshed, %lld pages of posts, %lld posts)\n",
              name, run.logged, run.report["requests"].get<long long>(), bound, bundles, accounts, pages, posts);
  std::printf("%s: %.1f s wall, 429s %lld; at the contract's limit (120, then 2/s) these requests need %.0f s\n",
              name, run.seconds, run.report["rate_limited"].get<long long>(),
              requests > 120 ? (requests - 120) / 2 : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  PullBenchFlags f = parse_pull_bench_flags(argc, argv);
  ugc::testing::TempDir dir;
  const std::string campaign = dir.file("campaign.yaml");
  const std::string state = dir.file("state.db");
  std::ofstream(campaign) << ugc::bench::generate_campaign_yaml(f.gen);
  const int accounts_per_market = (f.gen.videos + f.gen.videos_per_account - 1) / f.gen.videos_per_account;
  const std::size_t bundles = static_cast<std::size_t>(f.gen.markets * f.gen.platforms * accounts_per_market);
  std::printf("campaign: %d markets x %d platforms x %d videos, %d per account: %zu accounts, %d posts\n",
              f.gen.markets, f.gen.platforms, f.gen.videos, f.gen.videos_per_account, bundles,
              f.gen.markets * f.gen.platforms * f.gen.videos);

  char refill[32];
  std::snprintf(refill, sizeof refill, "%g", f.refill);
  SimProcess sim(f.ugc, {"--clock", "2027-01-15", "--rate-capacity", "120", "--rate-refill", refill});
  if (sim.base_url().empty()) {
    std::fprintf(stderr, "sim: %s\n", sim.error().c_str());
    return 1;
  }
  RunOptions o;
  o.env["TOKPORTAL_API_KEY"] = ugc::testing::kTestApiKey;
  o.env["TOKPORTAL_BASE_URL"] = sim.base_url();
  o.timeout = std::chrono::seconds(3600);
  const auto t0 = WallClock::now();
  RunResult applied = run_process({f.ugc, "apply", campaign, "--auto-approve", "--format", "json", "--state", state}, o);
  if (applied.exit_code != 0) {
    std::fprintf(stderr, "apply failed (%d): %s\n", applied.exit_code, applied.err.c_str());
    return 1;
  }
  std::printf("apply: %.1f s\n", std::chrono::duration<double>(WallClock::now() - t0).count());
  // Every slot posts one a day per account from the schedule's start.
  const int days = f.gen.videos_per_account + 10;
  sim.post("/__sim/clock", Json{{"date", "2027-03-01"}});
  sim.post("/__sim/clock", Json{{"advance_days", days}});

  print_pull("first pull", run_pull(f, sim, campaign, state), bundles);
  print_pull("second pull (inside the cooldown)", run_pull(f, sim, campaign, state), bundles);
  std::printf("sim bucket: capacity 120, refill %s/s (the contract: 2/s)\n", refill);
  return 0;
}
