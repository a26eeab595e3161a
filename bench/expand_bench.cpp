// expand_bench: how long parse + validate + expand take on a big campaign, and
// the peak memory of doing it. Generates a campaign (default 50 markets x 2
// platforms x 200 videos = 20,000 slots) into a temp dir, then runs the stages
// `ugc plan` runs before it looks at state, --iterations times.
//
//   expand_bench [--markets N] [--platforms N] [--videos N] [--per-account N]
//                [--seed N] [--iterations N] [--keep]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "campaign_generator.hpp"
#include "ugc/expand/desired_json.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/expand/slot_dates.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Flags {
  ugc::bench::GeneratorOptions gen;
  int iterations = 5;
  bool keep = false;
};

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this process: on a shared, loaded machine wall time mostly
// measures the neighbours, so both are printed.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

bool parse_flags(int argc, char** argv, Flags& f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto number = [&](auto& out) {
      if (i + 1 >= argc) return false;
      out = static_cast<std::remove_reference_t<decltype(out)>>(std::strtol(argv[++i], nullptr, 10));
      return true;
    };
    bool ok = true;
    if (a == "--markets") ok = number(f.gen.markets);
    else if (a == "--platforms") ok = number(f.gen.platforms);
    else if (a == "--videos") ok = number(f.gen.videos);
    else if (a == "--per-account") ok = number(f.gen.videos_per_account);
    else if (a == "--seed") ok = number(f.gen.seed);
    else if (a == "--iterations") ok = number(f.iterations);
    else if (a == "--keep") f.keep = true;
    else ok = false;
    if (!ok) {
      std::fprintf(stderr, "usage: expand_bench [--markets N] [--platforms 1|2] [--videos N] [--per-account N] "
                           "[--seed N] [--iterations N] [--keep]\n");
      return false;
    }
  }
  return f.gen.markets >= 1 && f.gen.platforms >= 1 && f.gen.platforms <= 2 && f.gen.videos >= 1 &&
         f.gen.videos_per_account >= 1 && f.iterations >= 1;
}

// The generator's markets the manifest accepts; a shortfall is printed, never hidden.
int usable_markets(int wanted) {
  int usable = 0;
  for (const auto& m : ugc::bench::generator_markets())
    if (ugc::manifest::canonical_market(m.code)) ++usable; else break;
  if (wanted <= usable) return wanted;
  std::printf("NOTE: %d markets requested but the manifest accepts only the first %d of the generator's list "
              "(manifest/countries.cpp); benchmarking %d markets\n", wanted, usable, usable);
  return usable;
}

struct Timing {
  std::vector<double> parse, lint, expand, dates, json, total, total_cpu;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void print_row(const char* name, const std::vector<double>& v) {
  std::printf("  %-26s min %9.1f ms   median %9.1f ms\n", name, *std::min_element(v.begin(), v.end()), median(v));
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!parse_flags(argc, argv, flags)) return 1;
  flags.gen.markets = usable_markets(flags.gen.markets);

  auto dir = std::filesystem::temp_directory_path() / ("ugc-expand-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto file = (dir / "campaign.yaml").string();
  {
    std::string yaml = ugc::bench::generate_campaign_yaml(flags.gen);
    std::ofstream(file, std::ios::binary) << yaml;
    std::printf("campaign: %d markets x %d platforms x %d videos, %d per account -> %s (%zu KiB)\n",
                flags.gen.markets, flags.gen.platforms, flags.gen.videos, flags.gen.videos_per_account, file.c_str(),
                yaml.size() / 1024);
  }
  long rss_before = peak_rss_kib();

  Timing t;
  std::size_t bundles = 0, slots = 0, media = 0, json_bytes = 0;
  for (int i = 0; i < flags.iterations; ++i) {
    auto start = Clock::now();
    double cpu_start = cpu_ms();
    auto outcome = ugc::manifest::parse_campaign_file(file);
    t.parse.push_back(ms_since(start));
    if (outcome.has_errors() || !outcome.campaign) {
      for (const auto& d : outcome.diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
      std::fprintf(stderr, "expand_bench: the generated campaign does not parse (kept in %s)\n", dir.c_str());
      return 1;
    }
    auto step = Clock::now();
    auto findings = ugc::manifest::lint_campaign(*outcome.campaign, ugc::manifest::LintOptions{});
    t.lint.push_back(ms_since(step));
    for (const auto& d : findings)
      if (d.severity == ugc::manifest::Severity::error) {
        std::fprintf(stderr, "%s\nexpand_bench: the generated campaign has lint errors\n", d.str().c_str());
        return 1;
      }
    step = Clock::now();
    auto desired = ugc::expand::expand_campaign(*outcome.campaign);
    t.expand.push_back(ms_since(step));
    if (!desired) {
      std::fprintf(stderr, "expand_bench: %s\n", desired.error().message().c_str());
      return 1;
    }
    step = Clock::now();
    auto date_findings = ugc::expand::check_slot_dates(*desired);
    t.dates.push_back(ms_since(step));
    t.total.push_back(ms_since(start));
    t.total_cpu.push_back(cpu_ms() - cpu_start);
    step = Clock::now();
    json_bytes = ugc::expand::to_json(*desired).dump().size();
    t.json.push_back(ms_since(step));
    if (!date_findings.empty()) std::fprintf(stderr, "warning: %zu videos-per-day findings\n", date_findings.size());
    bundles = desired->bundles.size();
    slots = desired->slots.size();
    media = desired->media.size();
  }

  std::printf("expanded: %zu bundles, %zu slots, %zu media; JSON %zu KiB\n", bundles, slots, media, json_bytes / 1024);
  std::printf("%d iterations:\n", flags.iterations);
  print_row("parse + schema/semantics", t.parse);
  print_row("lint (validate)", t.lint);
  print_row("expand", t.expand);
  print_row("check_slot_dates", t.dates);
  print_row("parse+validate+expand", t.total);
  print_row("  the same, CPU time", t.total_cpu);
  print_row("to_json + dump (extra)", t.json);
  std::printf("peak RSS (ru_maxrss): %ld KiB (%.1f MiB); %ld KiB before the first parse\n", peak_rss_kib(),
              peak_rss_kib() / 1024.0, rss_before);

  if (!flags.keep) std::filesystem::remove_all(dir);
  return 0;
}
