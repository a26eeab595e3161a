// Team state on PostgreSQL, end to end with real processes: two working
// copies apply one campaign into one database. The lock lives in the server,
// so one run applies and the other names it; killing the holder with SIGKILL
// frees the lock (the server ends its session) and the next run converges to
// exactly the plan's credits, each bundle bought once.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "apply/apply_session.hpp"
#include "support/pg_server.hpp"

using namespace ugc;
using ugc::testing::ApplySession;

namespace {

// A second working copy of the session's campaign (file and media/).
std::string second_working_copy(const ApplySession& s, const ugc::testing::TempDir& dir) {
  const std::filesystem::path campaign(s.campaign());
  std::filesystem::copy(campaign.parent_path(), dir.file("copy"), std::filesystem::copy_options::recursive);
  return dir.file("copy/" + campaign.filename().string());
}

// The database name in a PgServer URI ("postgres:///NAME?host=...").
std::string database_of(const std::string& uri) {
  const auto start = uri.find(":///") + 4;
  return uri.substr(start, uri.find('?') - start);
}

// Cuts every other session of `database` (ugc's state and lock connections)
// at random moments until stopped, as a network cut or a failover would.
class ConnectionCutter {
 public:
  ConnectionCutter(ugc::testing::PgServer& server, std::string database, unsigned seed)
      : thread_([this, &server, database = std::move(database), seed] {
          std::mt19937 rng(seed);
          std::uniform_int_distribution<int> pause_ms(50, 700);
          while (!stop_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
            if (server.execute(database,
                               "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                    .empty())
              ++cuts_;
          }
        }) {}
  ~ConnectionCutter() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int cuts() const { return cuts_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> cuts_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("pg apply chaos: connections cut at random under injected API faults, converges to exactly the plan") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml",
                 {"--fail-rate", "0.10", "--extra-429-rate", "0.05", "--drop-rate", "0.03", "--latency-ms", "40",
                  "--seed", "20271203"});
  ugc::testing::RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.file("empty.db")});
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  const Json totals = Json::parse(plan.out)["totals"];
  auto apply = [&] {
    return s.ugc({"apply", s.campaign(), "--auto-approve", "--format", "json", "--state", uri, "--parallelism", "2"});
  };

  int runs = 0, stopped = 0;
  {
    ConnectionCutter cutter(server, database_of(uri), 20271203u);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    while (runs < 12 && std::chrono::steady_clock::now() < deadline) {
      ugc::testing::RunResult r = apply();
      ++runs;
      INFO("run " << runs << ": " << r.err);
      CHECK(r.signal == 0);  // a lost connection stops the run; it never crashes it
      if (r.exit_code != 0) ++stopped;
    }
    cutter.stop();
    MESSAGE("pg chaos: " << runs << " runs, " << stopped << " stopped, " << cutter.cuts() << " cuts");
    CHECK(cutter.cuts() > 0);
  }

  bool converged = false;
  for (int i = 0; i < 12 && !converged; ++i) {
    ugc::testing::RunResult r = apply();
    if (r.exit_code != 0) continue;
    converged = Json::parse(r.out)["summary"]["actions"] == 0;
  }
  REQUIRE(converged);
  s.sim().post("/__sim/faults", Json{{"fail_rate", 0}, {"extra_429_rate", 0}, {"drop_rate", 0}});
  CHECK(s.credits_debited() == totals["credits"].get<long long>());
  CHECK(static_cast<int>(s.bundles().size()) == totals["bundles_to_create"].get<int>());
}

TEST_CASE("pg apply: two working copies, one PostgreSQL - one applies, the other names it, kill -9 frees the lock") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  // Slow answers keep the first run inside its lock while the second tries.
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml", {"--latency-ms", "400"});
  ugc::testing::TempDir other;
  const std::string copy = second_working_copy(s, other);
  auto apply = [&](const std::string& file, const ugc::testing::RunOptions& o) {
    return s.ugc({"apply", file, "--auto-approve", "--format", "json", "--state", uri, "--parallelism", "1"}, o);
  };

  ugc::testing::RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.file("empty.db")});
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  const long long planned = Json::parse(plan.out)["totals"]["credits"].get<long long>();
  REQUIRE(planned > 0);

  ugc::testing::RunOptions holder;
  holder.kill_after = std::chrono::milliseconds(5000);
  holder.kill_after_progress_lines = 1;  // killed mid-apply (23 requests at 400 ms), lock held
  ugc::testing::RunResult first;
  std::thread run_first([&] { first = apply(s.campaign(), holder); });
  while (s.mutating_requests() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ugc::testing::RunResult second = apply(copy, {});
  run_first.join();

  CHECK(first.killed_by_us);
  CHECK(second.exit_code == 1);
  CHECK(second.err.find("is locked by") != std::string::npos);
  CHECK(second.err.find("ugc apply") != std::string::npos);
  CHECK(second.err.find("pid") != std::string::npos);

  // No unlock command: the server ended the killed run's session and its lock.
  bool converged = false;
  for (int i = 0; i < 4 && !converged; ++i) {
    ugc::testing::RunResult next = apply(copy, {});
    REQUIRE_MESSAGE(next.exit_code == 0, next.err);
    converged = Json::parse(next.out)["summary"]["actions"] == 0;
  }
  REQUIRE(converged);
  // A bundle bought twice would show here as more credits.
  CHECK(s.credits_debited() == planned);
}
