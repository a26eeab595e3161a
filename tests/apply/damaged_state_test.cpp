// `ugc plan` and `ugc apply` against a damaged, missing or interrupted state:
// a damaged file is refused before anything reads prices or writes (the file
// stays byte-identical), a refused apply creates no state file, apply backs
// the state up before it writes, and Ctrl-C before the first action leaves no
// lock behind. Real `ugc` processes against a real `ugc sim`.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "apply/apply_session.hpp"
#include "state/raw_sqlite.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/state/lock.hpp"
#include "ugc/state/store.hpp"

using ugc::Json;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

extern char** environ;

namespace {

namespace fs = std::filesystem;

const std::string kDamageCampaign = std::string(UGC_TEST_DATA) + "/apply/small";

std::string sha_of(const std::string& path) {
  auto h = ugc::sha256_file_hex(path);
  return h ? *h : "missing";
}

// `ugc state list --format json` of the session's state.
Json state_listing(const ApplySession& s) {
  RunResult r = s.ugc({"state", "list", "--state", s.state(), "--format", "json"});
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(r.out);
}

// Every command that reads the damaged state exits 1 naming it and leaves it
// byte-identical; no request reaches the API.
void expect_refused_everywhere(const ApplySession& s) {
  const std::string before = sha_of(s.state());
  const std::size_t requests = s.api_requests().size();
  for (std::vector<std::string> args :
       {std::vector<std::string>{"state", "list", "--state", s.state()},
        {"plan", s.campaign(), "--state", s.state()},
        {"apply", s.campaign(), "--state", s.state(), "--auto-approve"}}) {
    CAPTURE(args[0]);
    RunResult r = s.ugc(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(s.state() + " is damaged") != std::string::npos);
    CHECK(r.err.find("ugc state check") != std::string::npos);
    CHECK(r.err.find(".backups/") != std::string::npos);
    CHECK(sha_of(s.state()) == before);
    CHECK_FALSE(fs::exists(s.state() + "-wal"));
    CHECK_FALSE(fs::exists(s.state() + "-shm"));
  }
  CHECK(s.api_requests().size() == requests);  // not even GET /credit-costs
  CHECK_FALSE(fs::exists(s.state() + ".backups"));
}

// Starts `args` with extra environment; stdin is a new pseudo-terminal when
// `on_terminal` (so apply asks), else /dev/null. stdout and stderr go to files.
pid_t start_ugc(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                const std::string& err_path, bool on_terminal, int* terminal) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  std::string slave_name;
  *terminal = -1;
  if (on_terminal) {
    *terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(*terminal >= 0);
    REQUIRE(::grantpt(*terminal) == 0);
    REQUIRE(::unlockpt(*terminal) == 0);
    slave_name = ::ptsname(*terminal);
  }
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::setsid();
  int in = ::open(on_terminal ? slave_name.c_str() : "/dev/null", O_RDWR);
  int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int out = ::open("/dev/null", O_WRONLY);
  if (in < 0 || err < 0 || out < 0) ::_exit(127);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  ::execve(argv[0], argv.data(), envp.data());
  ::_exit(127);
}

// Polls until `ready` holds (bounded: about 60 s); returns whether it did.
bool wait_for_condition(const std::function<bool()>& ready) {
  for (int i = 0; i < 3000; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Some run holds a lock of the state: since per-campaign locks these are the
// operating system's (the state file's locks table only keeps an older ugc's rows).
bool state_lock_held(const std::string& state) {
  auto store = ugc::state::Store::open(state, {ugc::state::Access::read_only, false}, ugc::make_system_clock());
  if (!store.ok()) return false;
  auto locks = ugc::state::current_locks(*store);
  return locks.ok() && !locks->empty();
}

int exit_status_of(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace

TEST_CASE("damaged state: random bytes in the journal pages - state list, plan and apply exit 1, file byte-identical") {
  ApplySession s(kDamageCampaign);
  REQUIRE(s.apply().exit_code == 0);
  const auto pages = ugc::state::testing::table_pages(s.state(), "journal");
  REQUIRE_FALSE(pages.empty());
  ugc::state::testing::scribble_page(s.state(), pages.back());
  expect_refused_everywhere(s);
}

TEST_CASE("damaged state: damage in other pages - apply exits 1 before reading or keeping prices, file byte-identical") {
  ApplySession s(kDamageCampaign);
  REQUIRE(s.apply().exit_code == 0);
  s.edit_campaign("videos_per_account: 3}", "videos_per_account: 4}");
  const auto pages = ugc::state::testing::table_pages(s.state(), "credit_costs");
  REQUIRE_FALSE(pages.empty());
  ugc::state::testing::scribble_page(s.state(), pages.front(), 11);
  expect_refused_everywhere(s);
}

TEST_CASE("missing state: a refused apply creates no state file and no directory") {
  ApplySession s(kDamageCampaign);
  const std::string state = s.file("new/dir/state.db");
  RunResult no_tty = s.ugc({"apply", s.campaign(), "--state", state});  // stdin is not a terminal
  CHECK(no_tty.exit_code == 1);
  RunResult bad_file = s.ugc({"apply", s.file("missing.yaml"), "--state", state, "--auto-approve"});
  CHECK(bad_file.exit_code == 1);
  RunResult plan = s.ugc({"plan", s.campaign(), "--state", state});
  CHECK(plan.exit_code == 0);
  RunResult backup = s.ugc({"state", "backup", "--state", state});
  CHECK(backup.exit_code == 1);
  CHECK_FALSE(fs::exists(s.file("new")));
  CHECK(s.mutating_requests() == 0);

  // Confirmed, the first apply creates it and keeps the prices it read.
  RunResult first = s.ugc({"apply", s.campaign(), "--state", state, "--auto-approve"});
  INFO("stderr: " << first.err);
  CHECK(first.exit_code == 0);
  CHECK(fs::exists(state));
  RunResult offline = s.ugc({"plan", s.campaign(), "--state", state});
  CHECK(offline.out.find("contract's default prices") == std::string::npos);
}

TEST_CASE("apply backs the state up before it writes, and the backup holds the state as it was") {
  ApplySession s(kDamageCampaign);
  REQUIRE(s.apply().exit_code == 0);
  CHECK_FALSE(fs::exists(s.state() + ".backups"));  // there was nothing to back up
  const Json applied = state_listing(s);
  s.edit_campaign("videos_per_account: 3}", "videos_per_account: 4}");
  REQUIRE(s.apply().exit_code == 0);
  std::vector<fs::path> backups;
  for (const auto& e : fs::directory_iterator(s.state() + ".backups")) backups.push_back(e.path());
  REQUIRE(backups.size() == 1);
  RunResult listed = s.ugc({"state", "list", "--state", backups[0].string(), "--format", "json"});
  REQUIRE(listed.exit_code == 0);
  Json copy = Json::parse(listed.out);
  CHECK(copy["bundles"] == applied["bundles"]);
  CHECK(copy["slots"] == applied["slots"]);
  CHECK(copy["serial"] == applied["serial"]);
  CHECK(state_listing(s)["serial"] != applied["serial"]);  // the second apply changed the state after the backup
}

TEST_CASE("Ctrl-C at the confirmation prompt ends apply and releases the state lock") {
  ApplySession s(kDamageCampaign);
  REQUIRE(s.apply().exit_code == 0);
  s.edit_campaign("videos_per_account: 3}", "videos_per_account: 4}");
  const int before = s.mutating_requests();
  const std::string err = s.file("prompt.err");
  int terminal = -1;
  pid_t pid = start_ugc({UGC_BINARY, "apply", s.campaign(), "--state", s.state()},
                        {{"TOKPORTAL_API_KEY", ugc::testing::kTestApiKey}, {"TOKPORTAL_BASE_URL", s.sim().base_url()}},
                        err, true, &terminal);
  const bool asked = wait_for_condition([&] {
    return ugc::state::testing::read_text_file(err).find("Do you want to perform") != std::string::npos;
  });
  CHECK(asked);
  ::kill(pid, SIGINT);
  CHECK(exit_status_of(pid) == 1);
  ::close(terminal);
  CHECK(ugc::state::testing::read_text_file(err).find("interrupted before the first action") != std::string::npos);
  CHECK(state_listing(s)["lock"].is_null());
  CHECK(s.mutating_requests() == before);
  RunResult again = s.ugc({"apply", s.campaign(), "--state", s.state(), "--auto-approve"});
  CHECK_MESSAGE(again.exit_code == 0, again.err);
}

TEST_CASE("Ctrl-C while apply plans against the API ends it and releases the state lock") {
  ApplySession s(kDamageCampaign);
  REQUIRE(s.apply().exit_code == 0);
  ugc::testing::SimProcess slow({"--clock", "2027-01-15", "--latency-ms", "1500"});
  REQUIRE_MESSAGE(!slow.base_url().empty(), slow.error());
  const std::string err = s.file("planning.err");
  int terminal = -1;
  pid_t pid = start_ugc({UGC_BINARY, "apply", s.campaign(), "--state", s.state(), "--auto-approve"},
                        {{"TOKPORTAL_API_KEY", ugc::testing::kTestApiKey}, {"TOKPORTAL_BASE_URL", slow.base_url()}},
                        err, false, &terminal);
  // The lock is taken before planning; the slow API keeps the run planning.
  const bool locked = wait_for_condition([&] { return state_lock_held(s.state()); });
  CHECK(locked);
  ::kill(pid, SIGINT);
  CHECK(exit_status_of(pid) == 1);
  CHECK(ugc::state::testing::read_text_file(err).find("interrupted before the first action") != std::string::npos);
  CHECK(state_listing(s)["lock"].is_null());
  RunResult again = s.ugc({"apply", s.campaign(), "--state", s.state(), "--auto-approve"});
  CHECK_MESSAGE(again.exit_code == 0, again.err);
}
