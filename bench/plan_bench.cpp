// plan_bench: how long `ugc plan` takes on a big campaign (default 50 markets x
// 2 platforms x 200 videos = 20,000 slots) against an empty state and against a
// fully applied state (the store populated directly with what apply records),
// compared with parse + expand alone. Each scenario runs in its own child
// process so its peak memory (ru_maxrss) is its own.
//
//   plan_bench [--markets N] [--platforms N] [--videos N] [--per-account N]
//              [--seed N] [--iterations N] [--state FILE|postgres://...]
//              [--write-campaign F [--write-applied-state DB]]
//
// --write-campaign writes the generated campaign to F (and with
// --write-applied-state, the state a full apply of it records to DB) and exits:
// the inputs bench/plan_scale.sh times the `ugc` process against.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "plan/plan_fixture.hpp"  // record_applied: what apply writes, through the Store API
#include "campaign_generator.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/diff.hpp"
#include "ugc/plan/plan_json.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/state/store.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Flags {
  ugc::bench::GeneratorOptions gen;
  int iterations = 5;
  std::string state;  // where the applied state goes: empty = a temp SQLite file
  std::string write_campaign;       // write the inputs and exit
  std::string write_applied_state;  // with write_campaign
};

bool parse_flags(int argc, char** argv, Flags& f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return false;
    if (a == "--state") { f.state = argv[++i]; continue; }
    if (a == "--write-campaign") { f.write_campaign = argv[++i]; continue; }
    if (a == "--write-applied-state") { f.write_applied_state = argv[++i]; continue; }
    long v = std::strtol(argv[++i], nullptr, 10);
    if (a == "--markets") f.gen.markets = static_cast<int>(v);
    else if (a == "--platforms") f.gen.platforms = static_cast<int>(v);
    else if (a == "--videos") f.gen.videos = static_cast<int>(v);
    else if (a == "--per-account") f.gen.videos_per_account = static_cast<int>(v);
    else if (a == "--seed") f.gen.seed = static_cast<std::uint32_t>(v);
    else if (a == "--iterations") f.iterations = static_cast<int>(v);
    else return false;
  }
  return f.iterations >= 1 && (f.write_applied_state.empty() || !f.write_campaign.empty());
}

int usable_markets(int wanted) {
  int usable = 0;
  for (const auto& m : ugc::bench::generator_markets())
    if (ugc::manifest::canonical_market(m.code)) ++usable; else break;
  if (wanted > usable)
    std::printf("NOTE: %d markets requested, the manifest accepts the first %d; using %d\n", wanted, usable, usable);
  return std::min(wanted, usable);
}

ugc::plan::PlanInputs inputs_for(const std::string& file) {
  ugc::plan::PlanInputs in;
  in.today = *ugc::CivilDate::parse("2027-02-01");
  in.today_source = ugc::plan::TodaySource::as_of;
  in.campaign_file = file;
  in.campaign_sha256 = *ugc::sha256_file_hex(file);
  return in;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "plan_bench: %s\n", what.c_str());
  std::exit(1);
}

// The stages `ugc plan FILE` runs, timed: parse, load state, expand + diff, JSON.
struct Stages {
  std::vector<double> parse, load, plan, json, total;
  std::size_t actions = 0, requests = 0, credits = 0, slots = 0;
};

void run_plan(const std::string& file, const std::string& state_path, int iterations, Stages& s) {
  for (int i = 0; i < iterations; ++i) {
    auto start = Clock::now();
    auto campaign = ugc::manifest::load_campaign(file);
    if (!campaign) die(campaign.error().message());
    s.parse.push_back(ms_since(start));
    auto step = Clock::now();
    ugc::state::KnownResources known;
    if (!state_path.empty()) {
      auto store =
          ugc::state::Store::open(state_path, {ugc::state::Access::read_only, false}, ugc::make_system_clock());
      if (!store) die(store.error().message());
      auto loaded = store->load(campaign->id);
      if (!loaded) die(loaded.error().message());
      known = std::move(*loaded);
    }
    s.load.push_back(ms_since(step));
    step = Clock::now();
    auto plan = ugc::plan::plan_campaign(*campaign, known, inputs_for(file));
    if (!plan) die(plan.error().message());
    s.plan.push_back(ms_since(step));
    s.total.push_back(ms_since(start));
    step = Clock::now();
    std::string json = ugc::plan::make_renderer(ugc::plan::RenderFormat::json, false)->render(*plan);
    s.json.push_back(ms_since(step));
    s.actions = plan->actions.size();
    s.requests = static_cast<std::size_t>(plan->totals.api_requests);
    s.credits = static_cast<std::size_t>(plan->totals.credits);
    s.slots = known.slots.size();
  }
}

void print_row(const char* name, const std::vector<double>& v) {
  std::printf("    %-28s min %9.1f ms   median %9.1f ms\n", name, *std::min_element(v.begin(), v.end()), median(v));
}

// Runs `body` in a child process; returns the child's peak RSS in KiB.
long in_child(const std::function<void()>& body) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork failed");
  if (pid == 0) {
    body();
    std::fflush(stdout);
    std::_Exit(0);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    die("a scenario failed");
  return usage.ru_maxrss;
}

// Plans `file` from nothing and records every action as apply would.
void write_applied_state(const std::string& file, const std::string& state_path) {
  auto campaign = ugc::manifest::load_campaign(file);
  if (!campaign) die(campaign.error().message());
  auto plan = ugc::plan::plan_campaign(*campaign, {}, inputs_for(file));
  if (!plan) die(plan.error().message());
  auto store = ugc::state::Store::open(state_path, {ugc::state::Access::read_write, true}, ugc::make_system_clock());
  if (!store) die(store.error().message());
  auto tx = store->begin();
  if (!tx) die(tx.error().message());
  if (auto s = ugc::plan::testing::record_applied(*store, *plan); !s) die(s.error().message());
  if (auto s = tx->commit(); !s) die(s.error().message());
}

// --write-campaign [--write-applied-state]: the inputs only.
int write_inputs(const Flags& flags) {
  std::ofstream(flags.write_campaign, std::ios::binary) << ugc::bench::generate_campaign_yaml(flags.gen);
  if (!flags.write_applied_state.empty()) {
    std::filesystem::remove(flags.write_applied_state);
    write_applied_state(flags.write_campaign, flags.write_applied_state);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!parse_flags(argc, argv, flags)) {
    std::fprintf(stderr, "usage: plan_bench [--markets N] [--platforms 1|2] [--videos N] [--per-account N] "
                         "[--seed N] [--iterations N] [--state FILE|postgres://...] "
                         "[--write-campaign F [--write-applied-state DB]]\n");
    return 1;
  }
  flags.gen.markets = usable_markets(flags.gen.markets);
  if (!flags.write_campaign.empty()) return write_inputs(flags);
  auto dir = std::filesystem::temp_directory_path() / ("ugc-plan-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "campaign.yaml").string();
  // --state postgres://... (an empty database) measures the PostgreSQL backend.
  const std::string state_path = flags.state.empty() ? (dir / "state.db").string() : flags.state;
  std::ofstream(file, std::ios::binary) << ugc::bench::generate_campaign_yaml(flags.gen);
  std::printf("campaign: %d markets x %d platforms x %d videos (%d per account), %d iterations per scenario\n",
              flags.gen.markets, flags.gen.platforms, flags.gen.videos, flags.gen.videos_per_account,
              flags.iterations);

  // Baseline: parse + expand, nothing else.
  std::vector<double> baseline;
  long rss_baseline = in_child([&] {
    for (int i = 0; i < flags.iterations; ++i) {
      auto start = Clock::now();
      auto campaign = ugc::manifest::load_campaign(file);
      if (!campaign) die(campaign.error().message());
      auto desired = ugc::expand::expand_campaign(*campaign);
      if (!desired) die(desired.error().message());
      baseline.push_back(ms_since(start));
    }
    std::printf("\nparse + expand alone\n");
    print_row("parse+expand", baseline);
  });

  // The applied state: plan from empty, record every action as apply would
  // (in a child too, so the parent stays small and forks start clean).
  in_child([&] {
    auto start = Clock::now();
    write_applied_state(file, state_path);
    std::printf("\n(populated the applied state in %.0f ms, outside the measurements)\n", ms_since(start));
  });

  auto scenario = [&](const char* name, const std::string& state) {
    return in_child([&] {
      Stages s;
      run_plan(file, state, flags.iterations, s);
      std::printf("\nplan against %s: %zu actions, %zu API requests, %zu credits (%zu slots in state)\n", name,
                  s.actions, s.requests, s.credits, s.slots);
      print_row("parse (load_campaign)", s.parse);
      print_row("load state", s.load);
      print_row("expand + diff", s.plan);
      print_row("total (parse+load+plan)", s.total);
      print_row("render JSON (extra)", s.json);
      // Baseline timings live in the other child; recompute the median here.
      std::vector<double> b;
      for (int i = 0; i < flags.iterations; ++i) {
        auto start = Clock::now();
        auto campaign = ugc::manifest::load_campaign(file);
        auto desired = ugc::expand::expand_campaign(*campaign);
        b.push_back(ms_since(start));
      }
      std::printf("    ratio plan total / (parse+expand): %.2f   (parse+expand median here %.1f ms)\n",
                  median(s.total) / median(b), median(b));
    });
  };
  long rss_empty = scenario("an empty state", "");
  long rss_applied = scenario("the fully applied state", state_path);

  std::printf("\npeak RSS (ru_maxrss of each scenario's process):\n");
  std::printf("    parse+expand alone        %8ld KiB (%.1f MiB)\n", rss_baseline, rss_baseline / 1024.0);
  std::printf("    plan, empty state         %8ld KiB (%.1f MiB)\n", rss_empty, rss_empty / 1024.0);
  std::printf("    plan, applied state       %8ld KiB (%.1f MiB)\n", rss_applied, rss_applied / 1024.0);
  std::filesystem::remove_all(dir);
  return 0;
}
