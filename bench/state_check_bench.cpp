// state_check_bench: what the integrity check every state open runs costs on
// a big state, against the alternatives, and what a backup costs.
//
//   state_check_bench [--bundles N] [--slots-per-bundle N] [--iterations N] [--dir DIR]
//
// Builds a state the size a fully applied 50 markets x 2 platforms x 200
// videos campaign leaves (100 bundles, 20 000 slots, one finished journal row
// per slot with a ~600-byte response), closes it, then times (min and median
// over the iterations, each on a fresh connection): a read-only open without
// the check, the open every command does (PRAGMA quick_check and the -wal
// check), PRAGMA integrity_check, load() of every resource, and a backup.
// The file goes to DIR (default $TMPDIR): on tmpfs the figures are CPU only;
// on a disk, the first open after writing also reads from the page cache.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "ugc/core/clock.hpp"
#include "ugc/state/backup.hpp"
#include "ugc/state/journal.hpp"
#include "ugc/state/store.hpp"

namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

struct StateBenchOptions {
  int bundles = 100;
  int slots_per_bundle = 200;
  int iterations = 7;
  std::string dir;
};

void die(const std::string& what) {
  std::fprintf(stderr, "state_check_bench: %s\n", what.c_str());
  std::exit(1);
}

void build_state(const std::string& path, const StateBenchOptions& o, const std::shared_ptr<ugc::Clock>& clock) {
  using namespace ugc::state;
  auto store = Store::open(path, {Access::read_write, true}, clock);
  if (!store) die(store.error().message());
  {
    auto tx = store->begin();
    if (!tx) die(tx.error().message());
    for (int b = 0; b < o.bundles; ++b) {
      KnownBundle bundle{"bench-M" + std::to_string(b / 2) + "-" + (b % 2 ? "instagram" : "tiktok") + "-1",
                         "B" + std::to_string(100000 + b), "bench", "US", "USA", b % 2 ? "instagram" : "tiktok", 1,
                         o.slots_per_bundle, "published",
                         KnownAccount{"bench.user" + std::to_string(b), "Bench", "Benchmark account", std::string(64, 'c'),
                                      "in_review", "A" + std::to_string(b), ""},
                         "", ""};
      if (auto s = store->upsert_bundle(bundle); !s) die(s.error().message());
      for (int v = 0; v < o.slots_per_bundle; ++v) {
        KnownSlot slot{"bench-v" + std::to_string(v) + "-" + bundle.external_ref.substr(6), bundle.external_ref, v + 1,
                       "V" + std::to_string(b * 1000 + v), "v" + std::to_string(v), std::string(64, 'a'),
                       "https://cdn.example.com/bench/v" + std::to_string(v) + ".mp4",
                       "Benchmark video " + std::to_string(v) + " #bench #ad", "2027-03-01", "published", ""};
        if (auto s = store->upsert_slot(slot); !s) die(s.error().message());
      }
    }
    if (auto s = tx->commit(); !s) die(s.error().message());
  }
  const std::string response = "{\"data\": {\"id\": \"V1\", \"status\": \"configured\", \"caption\": \"" +
                               std::string(520, 'x') + "\"}}";
  for (int i = 0; i < o.bundles * o.slots_per_bundle; ++i) {
    JournalEntry entry{"configure-" + std::to_string(i), "PATCH", "/videos/V" + std::to_string(i),
                       "idem-" + std::to_string(i), std::string(64, 'h'), "run-1"};
    auto id = journal_begin(*store, entry);
    if (!id) die(id.error().message());
    if (auto s = journal_finish(*store, *id, {200, response, "req-" + std::to_string(i), ""}); !s)
      die(s.error().message());
  }
}

struct Timing {
  double min = 0, median = 0;
};

Timing time_it(int iterations, const std::function<void()>& body) {
  std::vector<double> ms;
  for (int i = 0; i < iterations; ++i) {
    auto start = Steady::now();
    body();
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms.front(), ms[ms.size() / 2]};
}

void report(const char* what, Timing t) { std::printf("  %-44s min %8.1f ms   median %8.1f ms\n", what, t.min, t.median); }

void run_pragma(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) die("cannot open");
  sqlite3_exec(db, pragma, nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

StateBenchOptions parse_options(int argc, char** argv) {
  StateBenchOptions o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--bundles") o.bundles = std::atoi(argv[i + 1]);
    else if (flag == "--slots-per-bundle") o.slots_per_bundle = std::atoi(argv[i + 1]);
    else if (flag == "--iterations") o.iterations = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--dir") o.dir = argv[i + 1];
    else die("unknown flag " + flag);
  }
  if (o.dir.empty()) o.dir = fs::temp_directory_path().string();
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ugc::state;
  const StateBenchOptions o = parse_options(argc, argv);
  auto clock = ugc::make_system_clock();
  const fs::path dir = fs::path(o.dir) / ("ugc-state-check-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "state.db").string();

  auto built = Steady::now();
  build_state(path, o, clock);
  std::printf("state: %d bundles, %d slots, %d journal rows, %.1f MB (built in %.1f s) in %s\n", o.bundles,
              o.bundles * o.slots_per_bundle, o.bundles * o.slots_per_bundle,
              static_cast<double>(fs::file_size(path)) / 1e6,
              std::chrono::duration<double>(Steady::now() - built).count(), o.dir.c_str());

  auto open_with = [&](bool verify) {
    OpenMode mode{Access::read_only};
    mode.verify_integrity = verify;
    auto store = Store::open(path, mode, clock);
    if (!store) die(store.error().message());
  };
  report("open read-only, no integrity check", time_it(o.iterations, [&] { open_with(false); }));
  report("open read-only + quick_check (every command)", time_it(o.iterations, [&] { open_with(true); }));
  report("PRAGMA quick_check alone", time_it(o.iterations, [&] { run_pragma(path, "PRAGMA quick_check"); }));
  report("PRAGMA integrity_check alone", time_it(o.iterations, [&] { run_pragma(path, "PRAGMA integrity_check"); }));
  report("open + load() of every resource", time_it(o.iterations, [&] {
           OpenMode mode{Access::read_only};
           mode.verify_integrity = false;
           auto store = Store::open(path, mode, clock);
           if (!store || !store->load()) die("load failed");
         }));
  report("backup to a new file (SQLite backup API)", time_it(o.iterations, [&] {
           OpenMode mode{Access::read_only};
           mode.verify_integrity = false;
           auto store = Store::open(path, mode, clock);
           if (!store) die(store.error().message());
           if (auto s = backup_to(*store, (dir / "copy.db").string()); !s) die(s.error().message());
         }));
  fs::remove_all(dir);
  return 0;
}
