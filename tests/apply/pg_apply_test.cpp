// Team state on PostgreSQL, end to end with real processes: two working
// copies apply one campaign into one database. The lock lives in the server,
// so one run applies and the other names it; killing the holder with SIGKILL
// frees the lock (the server ends its session) and the next run converges to
// exactly the plan's credits, each bundle bought once.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "apply/apply_session.hpp"
#include "support/pg_server.hpp"

using namespace ugc;
using ugc::testing::ApplySession;
using ugc::testing::RunOptions;
using ugc::testing::RunResult;

namespace {

// A second working copy of the session's campaign (file and media/).
std::string second_working_copy(const ApplySession& s, const ugc::testing::TempDir& dir) {
  const std::filesystem::path campaign(s.campaign());
  std::filesystem::copy(campaign.parent_path(), dir.file("copy"), std::filesystem::copy_options::recursive);
  return dir.file("copy/" + campaign.filename().string());
}

long long credits_debited(ApplySession& s) {
  const Json ledger = s.sim().get("/__sim/ledger");
  long long debited = 0;
  for (const Json& e : ledger["data"])
    if (e["type"] == "debit") debited += -e["amount"].get<long long>();
  return debited;
}

}  // namespace

TEST_CASE("pg apply: two working copies, one PostgreSQL - one applies, the other names it, kill -9 frees the lock") {
  auto& server = ugc::testing::PgServer::instance();
  REQUIRE_MESSAGE(server.running(), server.error());
  const std::string uri = server.create_database();
  // Slow answers keep the first run inside its lock while the second tries.
  ApplySession s(std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml", {"--latency-ms", "400"});
  ugc::testing::TempDir other;
  const std::string copy = second_working_copy(s, other);
  auto apply = [&](const std::string& file, const RunOptions& o) {
    return s.ugc({"apply", file, "--auto-approve", "--format", "json", "--state", uri, "--parallelism", "1"}, o);
  };

  RunResult plan = s.ugc({"plan", s.campaign(), "--format", "json", "--state", s.file("empty.db")});
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  const long long planned = Json::parse(plan.out)["totals"]["credits"].get<long long>();
  REQUIRE(planned > 0);

  RunOptions holder;
  holder.kill_after = std::chrono::milliseconds(5000);
  holder.kill_after_progress_lines = 1;  // killed mid-apply (23 requests at 400 ms), lock held
  RunResult first;
  std::thread run_first([&] { first = apply(s.campaign(), holder); });
  while (s.mutating_requests() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  RunResult second = apply(copy, {});
  run_first.join();

  CHECK(first.killed_by_us);
  CHECK(second.exit_code == 1);
  CHECK(second.err.find("is locked by") != std::string::npos);
  CHECK(second.err.find("ugc apply") != std::string::npos);
  CHECK(second.err.find("pid") != std::string::npos);

  // No unlock command: the server ended the killed run's session and its lock.
  bool converged = false;
  for (int i = 0; i < 4 && !converged; ++i) {
    RunResult next = apply(copy, {});
    REQUIRE_MESSAGE(next.exit_code == 0, next.err);
    converged = Json::parse(next.out)["summary"]["actions"] == 0;
  }
  REQUIRE(converged);
  // A bundle bought twice would show here as more credits.
  CHECK(credits_debited(s) == planned);
}
