// `ugc reconcile` end to end: real `ugc sim` and real `ugc` processes on one
// state file. Guardrails stop before any mutating request; two runs of one
// campaign exclude each other while runs of different campaigns go ahead at
// once; a folder with an invalid campaign still reconciles the valid ones;
// kill -9 at random moments needs no unlock; loop mode stops cleanly on
// SIGTERM and, on the simulator's clock, posts every video on its date.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "apply/apply_session.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/diff.hpp"

using namespace ugc;
using ugc::testing::ApplySession;
using ugc::testing::kSmallCampaign;
using ugc::testing::RunResult;
namespace fs = std::filesystem;

namespace {


std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "no '" << from << "'");
  text.replace(at, from.size(), to);
  return text;
}

// A folder `campaigns/` beside the session's campaign with copies of it under
// other campaign ids (each with its own usernames) and its media.
std::string campaigns_folder(ApplySession& s, const std::vector<std::string>& ids) {
  const std::string dir = s.file("campaigns");
  fs::create_directories(dir);
  fs::copy(s.file("media"), dir + "/media", fs::copy_options::recursive);
  const std::string text = read_text(s.campaign());
  for (const std::string& id : ids) {
    std::string copy = replaced(text, "campaign: apply-e2e", "campaign: " + id);
    copy = replaced(copy, "glowtest.{market}{n}", id + ".{market}{n}");
    write_text(dir + "/" + id + ".yaml", copy);
  }
  return dir;
}

std::vector<std::string> reconcile_args(const ApplySession& s, std::vector<std::string> paths,
                                        const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"reconcile"};
  args.insert(args.end(), paths.begin(), paths.end());
  for (const std::string& a : {std::string("--state"), s.state(), std::string("--format"), std::string("json")})
    args.push_back(a);
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

RunResult reconcile(const ApplySession& s, const std::vector<std::string>& paths,
                    const std::vector<std::string>& extra = {}, const ugc::testing::RunOptions& options = {}) {
  return s.ugc(reconcile_args(s, paths, extra), options);
}

int debits(ApplySession& s) {
  int n = 0;
  for (const Json doc = s.sim().get("/__sim/ledger"); const Json& e : doc["data"])
    if (e["type"] == "debit") ++n;
  return n;
}

// The plan from an empty state, as the test's reference.
plan::Totals fresh_plan_totals(const std::string& campaign_file) {
  auto campaign = manifest::load_campaign(campaign_file);
  REQUIRE_MESSAGE(campaign.ok(), campaign.error().message());
  plan::PlanInputs inputs;
  inputs.today = *CivilDate::parse("2027-01-15");
  inputs.today_source = plan::TodaySource::as_of;
  auto plan = plan::plan_campaign(*campaign, state::KnownResources{}, inputs);
  REQUIRE_MESSAGE(plan.ok(), plan.error().message());
  return plan::compute_totals(*plan);
}

Json parsed(const RunResult& r) {
  Json doc = Json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(!doc.is_discarded(), "not JSON: " << r.out << r.err);
  return doc;
}

}  // namespace

TEST_CASE("reconcile: a guardrail exceeded sends nothing, then one run applies, the next has nothing to do") {
  ApplySession s(kSmallCampaign);
  const plan::Totals totals = fresh_plan_totals(s.campaign());
  REQUIRE(totals.credits > 1);

  RunResult credits = reconcile(s, {s.campaign()}, {"--max-credits", std::to_string(totals.credits - 1)});
  CHECK(credits.exit_code == 5);
  Json doc = parsed(credits);
  CHECK(doc["campaigns"][0]["outcome"] == "guardrail");
  const std::string message = doc["campaigns"][0]["message"];
  CHECK(message.find("--max-credits " + std::to_string(totals.credits - 1)) != std::string::npos);
  CHECK(message.find("1 over") != std::string::npos);

  RunResult changes = reconcile(s, {s.campaign()}, {"--max-changes", "1"});
  CHECK(changes.exit_code == 5);
  CHECK(parsed(changes)["campaigns"][0]["message"].get<std::string>().find("--max-changes 1") != std::string::npos);
  CHECK(s.mutating_requests() == 0);  // the simulator's request log: nothing but reads
  CHECK(s.credits_debited() == 0);

  RunResult applied = reconcile(s, {s.campaign()}, {"--max-credits", std::to_string(totals.credits)});
  CHECK_MESSAGE(applied.exit_code == 2, applied.out << applied.err);
  CHECK(parsed(applied)["campaigns"][0]["credits_charged"] == totals.credits);
  RunResult again = reconcile(s, {s.campaign()});
  CHECK_MESSAGE(again.exit_code == 0, again.out << again.err);
  CHECK(parsed(again)["campaigns"][0]["outcome"] == "nothing to do");
  CHECK(s.credits_debited() == totals.credits);

  // Every run is in the run history, newest first, with what it did.
  RunResult runs = s.ugc({"runs", "--state", s.state(), "--format", "json"});
  REQUIRE_MESSAGE(runs.exit_code == 0, runs.err);
  const Json history = parsed(runs)["runs"];
  REQUIRE(history.size() == 4);
  for (const Json& run : history) CHECK(run["command"] == "reconcile");
  CHECK(history[0]["outcome"] == "nothing to do");
  CHECK(history[1]["outcome"] == "applied");
  CHECK(history[1]["credits_charged"] == totals.credits);
  CHECK(history[2]["outcome"] == "guardrail");
  CHECK(history[2]["message"].get<std::string>().find("--max-changes 1") != std::string::npos);
  CHECK(history[3]["credits_charged"] == 0);
  RunResult shown = s.ugc({"runs", "show", std::to_string(history[1]["id"].get<long long>()), "--state", s.state()});
  CHECK_MESSAGE(shown.exit_code == 0, shown.err);
  CHECK(shown.out.find("applied") != std::string::npos);
}

TEST_CASE("reconcile: two runs of one campaign at once - one applies, the other names the holder or waits") {
  ApplySession s(kSmallCampaign, {"--latency-ms", "150"});  // slow enough for the runs to overlap
  const plan::Totals totals = fresh_plan_totals(s.campaign());
  auto first = std::async(std::launch::async, [&s] { return reconcile(s, {s.campaign()}); });
  // The second starts once the first holds the campaign's lock (its lock file has a record).
  const std::string lock_file = s.state() + ".locks/campaign-apply-e2e.lock";
  for (int i = 0; i < 400 && (!fs::exists(lock_file) || fs::file_size(lock_file) == 0); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  RunResult blocked = reconcile(s, {s.campaign()});
  RunResult waiting = reconcile(s, {s.campaign()}, {"--lock-timeout", "120s"});
  RunResult applied = first.get();

  CHECK_MESSAGE(applied.exit_code == 2, applied.out << applied.err);
  CHECK(blocked.exit_code == 1);
  const std::string why = parsed(blocked)["campaigns"][0]["message"];
  CHECK(why.find("campaign apply-e2e") != std::string::npos);
  CHECK(why.find("is locked by") != std::string::npos);
  CHECK(why.find("`ugc reconcile`") != std::string::npos);
  CHECK(why.find("pid ") != std::string::npos);
  CHECK_MESSAGE(waiting.exit_code == 0, waiting.out << waiting.err);  // waited, then nothing left to do
  CHECK(s.credits_debited() == totals.credits);
}

TEST_CASE("reconcile: different campaigns in one state apply at once, and plan shows a folder") {
  ApplySession s(kSmallCampaign, {"--latency-ms", "100"});
  const std::string dir = campaigns_folder(s, {"alpha", "beta"});
  // A folder's plan shows each campaign as `ugc plan FILE` does, captions review included.
  RunResult before = s.ugc({"plan", dir, "--state", s.state()});
  REQUIRE_MESSAGE(before.exit_code == 0, before.err);
  const auto first_review = before.out.find("Captions to review");
  REQUIRE(first_review != std::string::npos);
  CHECK(before.out.find("Captions to review", first_review + 1) != std::string::npos);
  // No --lock-timeout: had one run waited for the other's lock, it would fail.
  auto alpha = std::async(std::launch::async, [&] { return reconcile(s, {dir + "/alpha.yaml"}); });
  auto beta = std::async(std::launch::async, [&] { return reconcile(s, {dir + "/beta.yaml"}); });
  RunResult a = alpha.get(), b = beta.get();
  CHECK_MESSAGE(a.exit_code == 2, a.out << a.err);
  CHECK_MESSAGE(b.exit_code == 2, b.out << b.err);
  const plan::Totals totals = fresh_plan_totals(dir + "/alpha.yaml");
  CHECK(s.credits_debited() == 2 * totals.credits);

  std::set<std::string> refs;
  for (const Json& bundle : s.bundles()) refs.insert(bundle.value("external_ref", ""));
  int alpha_refs = 0, beta_refs = 0;
  for (const auto& ref : refs) {
    alpha_refs += ref.rfind("alpha", 0) == 0;
    beta_refs += ref.rfind("beta", 0) == 0;
  }
  CHECK(alpha_refs > 0);
  CHECK(alpha_refs == beta_refs);

  RunResult plan = s.ugc({"plan", dir, "--state", s.state(), "--detailed-exitcode"});
  CHECK_MESSAGE(plan.exit_code == 0, plan.out << plan.err);
  CHECK(plan.out.find("alpha") != std::string::npos);
  CHECK(plan.out.find("beta") != std::string::npos);
  RunResult folder = reconcile(s, {dir});
  CHECK(folder.exit_code == 0);
  CHECK(parsed(folder)["campaigns"].size() == 2);
}

TEST_CASE("reconcile: a folder with an invalid campaign reconciles the valid ones and exits partial") {
  ApplySession s(kSmallCampaign);
  const std::string dir = campaigns_folder(s, {"good"});
  write_text(dir + "/broken.yaml", "version: 1\ncampaign: broken\nmarkets: {XX: {}}\n");
  RunResult r = reconcile(s, {dir});
  CHECK_MESSAGE(r.exit_code == 3, r.out << r.err);
  Json doc = parsed(r);
  REQUIRE(doc["campaigns"].size() == 2);
  CHECK(doc["campaigns"][0]["file"].get<std::string>().find("broken.yaml") != std::string::npos);
  CHECK(doc["campaigns"][0]["outcome"] == "invalid");
  CHECK(!doc["campaigns"][0]["message"].get<std::string>().empty());
  CHECK(doc["campaigns"][1]["outcome"] == "applied");
  CHECK(s.credits_debited() == fresh_plan_totals(dir + "/good.yaml").credits);
}

TEST_CASE("reconcile: kill -9 at random moments, each next run started plainly converges to exactly the plan") {
  ApplySession s(kSmallCampaign, {"--latency-ms", "15"});
  const plan::Totals totals = fresh_plan_totals(s.campaign());
  std::mt19937 rng(20270301u);
  std::uniform_int_distribution<int> delay_ms(0, 300);
  int kills = 0, runs = 0;
  while (kills < 20 && runs < 60) {
    ugc::testing::RunOptions o;
    o.kill_after = std::chrono::milliseconds(delay_ms(rng));
    o.timeout = std::chrono::seconds(60);
    RunResult r = reconcile(s, {s.campaign()}, {}, o);  // no unlock, no extra flag
    ++runs;
    if (r.killed_by_us) {
      ++kills;
      continue;
    }
    INFO(r.out << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 2));  // never "locked": the dead run's lock went with it
  }
  CHECK(kills == 20);
  RunResult last = reconcile(s, {s.campaign()});
  RunResult settled = last.exit_code == 0 ? last : reconcile(s, {s.campaign()});
  CHECK_MESSAGE(settled.exit_code == 0, settled.out << settled.err);

  std::map<std::string, int> per_ref;
  for (const Json& b : s.bundles()) ++per_ref[b.value("external_ref", "") + "#" + b.value("country", "")];
  CHECK(static_cast<int>(s.bundles().size()) == totals.bundles_to_create);
  for (const auto& entry : per_ref) CHECK_MESSAGE(entry.second == 1, entry.first);
  CHECK(s.credits_debited() == totals.credits);
}

namespace {

// A long-running child (`/bin/sh -c "exec CMD"`) that the test stops with SIGTERM.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& command, const std::map<std::string, std::string>& env, const std::string& log)
      : log_(log) {
    pid_ = ::fork();
    if (pid_ == 0) {
      for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
      FILE* out = std::freopen(log.c_str(), "w", stdout);
      FILE* err = out ? std::freopen((log + ".err").c_str(), "w", stderr) : nullptr;
      if (err) ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~ServiceProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  std::string output() const { return read_text(log_); }
  bool wait_for(const std::function<bool()>& ready, std::chrono::seconds limit = std::chrono::seconds(60)) const {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      if (ready()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  // SIGTERM, then its exit code (-1: killed after `limit`, or by a signal).
  int terminate(std::chrono::seconds limit = std::chrono::seconds(60)) {
    ::kill(pid_, SIGTERM);
    const auto end = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < end) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  std::string log_;
};

// The first line of `text` that starts with `prefix`, without it.
std::string line_after(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  FAIL("no line starting with " << prefix);
  return {};
}

std::string mapped(std::string command, const std::vector<std::pair<std::string, std::string>>& map) {
  for (const auto& [from, to] : map)
    for (auto at = command.find(from); at != std::string::npos; at = command.find(from, at + to.size()))
      command.replace(at, from.size(), to);
  return command;
}

// The days of the videos the simulator has posted and not posted, by target date.
struct PostedSplit {
  std::vector<std::string> posted_dates, waiting_dates;
};

PostedSplit video_split(ApplySession& s) {
  PostedSplit split;
  for (const Json& b : s.bundles()) {
    Json videos = s.api_get("/api/ext/bundles/" + b.value("id", "") + "/videos?per_page=100")["data"];
    for (const Json& v : videos) {
      if (!v["target_publish_date"].is_string()) continue;
      (v["post_url"].is_string() ? split.posted_dates : split.waiting_dates).push_back(v["target_publish_date"]);
    }
  }
  return split;
}

// The simulator's clock keeps the real time of day and the manager posts at
// 12:00 of a video's date: start the loop at 00:00 so the checks made after
// each simulated day fall before that day's posting, whatever hour the test runs.
void set_sim_clock_to_midnight(ApplySession& s, const CivilDate& day) {
  s.sim().post("/__sim/clock", Json{{"date", day.plus_days(-1).str()}});
  const Json clock = s.sim().get("/__sim/clock");
  const std::string now = clock["data"]["now"];  // YYYY-MM-DDTHH:MM:SS...; the offset is kept in whole seconds: +1
  REQUIRE(now.size() >= 19);
  const int into_day = std::stoi(now.substr(11, 2)) * 3600 + std::stoi(now.substr(14, 2)) * 60 + std::stoi(now.substr(17, 2));
  const Json moved = s.sim().post("/__sim/clock", Json{{"advance_seconds", 86400 - into_day + 1}});
  INFO(now << " -> " << moved.dump());
  REQUIRE(moved["data"]["today"].get<std::string>() == day.str());
}

}  // namespace

TEST_CASE("reconcile docs: the systemd units and the cron line run as written, the loop stops cleanly on SIGTERM") {
  ApplySession s(kSmallCampaign, {"--latency-ms", "40"});
  const plan::Totals totals = fresh_plan_totals(s.campaign());
  const std::string root = s.file("root");
  fs::create_directories(root + "/etc/ugc/campaigns");
  fs::create_directories(root + "/var/lib/ugc");
  fs::create_directories(root + "/var/log/ugc");
  fs::copy(s.file("media"), root + "/etc/ugc/campaigns/media", fs::copy_options::recursive);
  fs::copy_file(s.campaign(), root + "/etc/ugc/campaigns/small.yaml");
  write_text(root + "/etc/ugc/env", std::string("TOKPORTAL_API_KEY=") + testing::kTestApiKey +
                                        "\nTOKPORTAL_BASE_URL=" + s.sim().base_url() + "\n");
  // systemd's specifiers %E (/etc) and %S (/var/lib); the cron line's absolute paths.
  const std::vector<std::pair<std::string, std::string>> unit_paths = {
      {"/usr/local/bin/ugc", UGC_BINARY}, {"%E", root + "/etc"}, {"%S", root + "/var/lib"}};
  const std::vector<std::pair<std::string, std::string>> cron_paths = {{"/usr/local/bin/ugc", UGC_BINARY},
                                                                       {"/etc/ugc", root + "/etc/ugc"},
                                                                       {"/var/lib/ugc", root + "/var/lib/ugc"},
                                                                       {"/var/log/ugc", root + "/var/log/ugc"}};
  const std::map<std::string, std::string> env = {{"TOKPORTAL_API_KEY", testing::kTestApiKey},
                                                  {"TOKPORTAL_BASE_URL", s.sim().base_url()},
                                                  {"NO_COLOR", "1"}};
  const std::string docs = std::string(UGC_SOURCE_DIR) + "/docs/";
  const std::string state = root + "/var/lib/ugc/state.db";

  // The loop service, stopped with SIGTERM in the middle of its first run.
  const std::string loop = mapped(line_after(read_text(docs + "systemd/ugc-reconcile-loop.service"), "ExecStart="), unit_paths);
  CHECK(loop.find("--every 15m") != std::string::npos);
  {
    ServiceProcess service(loop, env, s.file("loop.log"));
    const std::string lock = state + ".locks/campaign-apply-e2e.lock";
    REQUIRE(service.wait_for([&] { return fs::exists(lock) && fs::file_size(lock) > 0; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // some requests in flight
    CHECK(service.terminate() == 0);
    INFO(service.output() << read_text(s.file("loop.log.err")));
    CHECK(service.output().find("run 1: exit") != std::string::npos);  // its health line
  }

  // The timer's service, started plainly after the stop: no lock in the way.
  const std::string oneshot = mapped(line_after(read_text(docs + "systemd/ugc-reconcile.service"), "ExecStart="), unit_paths);
  ugc::testing::RunOptions with_env;
  with_env.env = env;
  RunResult service = testing::run_process({"/bin/sh", "-c", oneshot}, with_env);
  CHECK_MESSAGE((service.exit_code == 2 || service.exit_code == 0), service.out << service.err);
  CHECK(line_after(read_text(docs + "systemd/ugc-reconcile.service"), "SuccessExitStatus=") == "2");

  // The cron line: everything after the five schedule fields is the command.
  std::string cron = line_after(read_text(docs + "scheduling.md"), "*/15 * * * * ");
  ugc::testing::RunOptions plain;  // cron's environment: the line sources /etc/ugc/env itself
  plain.env["PATH"] = "/usr/bin:/bin";
  RunResult cron_run = testing::run_process({"/bin/sh", "-c", mapped(cron, cron_paths)}, plain);
  CHECK_MESSAGE(cron_run.exit_code == 0, read_text(root + "/var/log/ugc/reconcile.log"));
  CHECK(read_text(root + "/var/log/ugc/reconcile.log").find("nothing to do") != std::string::npos);
  CHECK(s.credits_debited() == totals.credits);
}

TEST_CASE("reconcile loop on the simulator's clock: every video posted on its date, every item charged once") {
  ApplySession s(kSmallCampaign, {"--rate-capacity", "100000", "--rate-refill", "100000"});
  s.edit_campaign("every_days: 2", "every_days: 1");  // videos on 03-01, 03-02, 03-03
  const plan::Totals totals = fresh_plan_totals(s.campaign());
  CivilDate today = *CivilDate::parse("2027-02-26");
  set_sim_clock_to_midnight(s, today);
  int debit_entries = -1;
  for (int day = 0; day < 7; ++day) {
    // 97 runs with 96 waits of 15 simulated minutes: one simulated day per process.
    RunResult r = reconcile(s, {s.campaign()},
                            {"--every", "15m", "--jitter", "0", "--max-runs", "97", "--sim-clock", s.sim().root_url()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
    today = today.plus_days(1);
    INFO("simulated today " << today.str());
    const PostedSplit split = video_split(s);
    for (const auto& d : split.posted_dates) CHECK(d < today.str());   // never before its date
    for (const auto& d : split.waiting_dates) CHECK(d >= today.str());  // always by the day after
    if (day == 0) debit_entries = debits(s);
  }
  const PostedSplit end = video_split(s);
  CHECK(end.waiting_dates.empty());
  CHECK(static_cast<int>(end.posted_dates.size()) == totals.slots_to_configure);
  CHECK(debits(s) == debit_entries);  // nothing charged after the first day's apply
  CHECK(s.credits_debited() == totals.credits);
}
