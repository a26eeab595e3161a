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
#include <set>
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

// Whether no external_ref names two bundles (bulk-created ones have none).
bool each_external_ref_once(const std::vector<Json>& bundles) {
  std::set<std::string> refs;
  for (const Json& b : bundles) {
    if (!b.contains("external_ref") || !b["external_ref"].is_string()) continue;
    if (!refs.insert(b["external_ref"].get<std::string>()).second) return false;
  }
  return true;
}

// What a database does to its clients at random moments until stopped: it
// cuts every other session of `database` (ugc's state and lock connections,
// as a network cut would), or restarts the whole server (as a failover or an
// operator would; fast and immediate shutdowns in turn, at most
// `max_restarts` to keep the test short).
class DatabaseChaos {
 public:
  DatabaseChaos(ugc::testing::PgServer& server, std::string database, unsigned seed, int max_restarts)
      : thread_([this, &server, database = std::move(database), seed, max_restarts] {
          std::mt19937 rng(seed);
          std::uniform_int_distribution<int> pause_ms(50, 700);
          std::uniform_int_distribution<int> restart_now(0, 2);
          while (!stop_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
            if (restarts_ < max_restarts && restart_now(rng) == 0) {
              const std::string failed = server.restart(restarts_ % 2 == 0 ? "fast" : "immediate");
              if (!failed.empty()) {
                restart_error_ = failed;
                return;
              }
              ++restarts_;
            } else if (server.execute(database,
                                      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                           .empty()) {
              ++cuts_;
            }
          }
        }) {}
  ~DatabaseChaos() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int cuts() const { return cuts_; }
  int restarts() const { return restarts_; }
  // Set (after stop()) when a restart failed: the server is then down.
  const std::string& restart_error() const { return restart_error_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> cuts_{0};
  std::atomic<int> restarts_{0};
  std::string restart_error_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("pg apply chaos: connections cut and the server restarted at random under injected API faults, converges to exactly the plan") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml",
                 {"--fail-rate", "0.10", "--extra-429-rate", "0.05", "--drop-rate", "0.03", "--latency-ms", "40",
                  "--seed", "20271203"});
  ugc::testing::RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.file("empty.db")});
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  const Json totals = Json::parse(plan.out)["totals"];
  // A run that hangs on a dead connection is killed and fails the test.
  ugc::testing::RunOptions bounded;
  bounded.timeout = std::chrono::seconds(60);
  auto apply = [&] {
    return s.ugc({"apply", s.campaign(), "--auto-approve", "--format", "json", "--state", uri, "--parallelism", "2"},
                 bounded);
  };

  int runs = 0, stopped = 0;
  {
    DatabaseChaos chaos(server, ugc::testing::PgServer::database_of(uri), 20271203u, 4);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    while (runs < 12 && std::chrono::steady_clock::now() < deadline) {
      ugc::testing::RunResult r = apply();
      ++runs;
      INFO("run " << runs << ": " << r.err);
      CHECK(r.signal == 0);  // a lost connection or server stops the run; it never crashes or hangs it
      CHECK((r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3));
      if (r.exit_code != 0) ++stopped;
    }
    chaos.stop();
    REQUIRE_MESSAGE(chaos.restart_error().empty(), chaos.restart_error());
    MESSAGE("pg chaos: " << runs << " runs, " << stopped << " stopped, " << chaos.cuts() << " cuts, "
                         << chaos.restarts() << " restarts");
    CHECK(chaos.cuts() > 0);
    CHECK(chaos.restarts() > 0);
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
  const std::vector<Json> bundles = s.bundles();
  CHECK(static_cast<int>(bundles.size()) == totals["bundles_to_create"].get<int>());
  CHECK(each_external_ref_once(bundles));
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

TEST_CASE("pg apply: a run whose lock connection is cut stops before its next paid request, the rerun buys the rest once") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  // Slow answers keep the run going long after its first paid request; one
  // bundle per request (--no-bulk) gives it many paid requests to stop before.
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml", {"--latency-ms", "250"});
  auto apply = [&] {
    return s.ugc({"apply", s.campaign(), "--auto-approve", "--format", "json", "--state", uri, "--parallelism", "1",
                  "--no-bulk"});
  };
  ugc::testing::RunResult plan =
      s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.file("empty.db"), "--no-bulk"});
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  const Json totals = Json::parse(plan.out)["totals"];
  const long long planned = totals["credits"].get<long long>();
  REQUIRE(totals["bundles_to_create"].get<int>() > 2);

  // The lock's own session, found by its holder record, ended by the server
  // (as a network cut or a failover would) once the run has sent something.
  std::string cut_error = "not cut";
  std::thread cutter([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (s.mutating_requests() == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    cut_error = server.execute(ugc::testing::PgServer::database_of(uri),
                               "SELECT pg_terminate_backend(backend_pid::int) FROM ugc_lock_holders "
                               "WHERE name LIKE 'campaign:%'");
  });
  ugc::testing::RunResult first = apply();
  cutter.join();
  REQUIRE(cut_error.empty());

  INFO(first.err);
  CHECK(first.exit_code == 3);  // a partial apply
  CHECK(first.out.find("STATE_LOCK_LOST") != std::string::npos);
  CHECK(first.out.find("lost the lock of campaign") != std::string::npos);
  const long long spent_before_rerun = s.credits_debited();
  CHECK(spent_before_rerun < planned);  // it stopped buying

  bool converged = false;
  for (int i = 0; i < 4 && !converged; ++i) {
    ugc::testing::RunResult next = apply();
    REQUIRE_MESSAGE(next.exit_code == 0, next.err);
    converged = Json::parse(next.out)["summary"]["actions"] == 0;
  }
  REQUIRE(converged);
  CHECK(s.credits_debited() == planned);
  const std::vector<Json> bundles = s.bundles();
  CHECK(static_cast<int>(bundles.size()) == totals["bundles_to_create"].get<int>());
  CHECK(each_external_ref_once(bundles));
}
