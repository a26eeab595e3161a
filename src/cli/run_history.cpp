#include "ugc/cli/run_history.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "ugc/core/log.hpp"
#include "ugc/plan/saved_plan.hpp"

namespace ugc::cli {
namespace {

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The first line `command` prints, or "" when it fails (git missing, not a work tree).
std::string first_line_of(const std::string& command) {
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return {};
  std::string out;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) out += buffer.data();
  const int status = ::pclose(pipe);
  if (status != 0) return {};
  return out.substr(0, out.find('\n'));
}

// Whether `dir` or a folder above it holds a `.git`: only then is git asked,
// so a run outside git (a loop every few minutes) spawns no process for it.
bool inside_git_work_tree(std::filesystem::path dir) {
  std::error_code ec;
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) return true;
    if (dir == dir.root_path()) break;
  }
  return false;
}

std::string git_commit_of(const std::string& file) {
  std::error_code ec;
  auto path = std::filesystem::absolute(file, ec);
  if (ec || !inside_git_work_tree(path.parent_path())) return {};
  const std::string dir = shell_quoted(path.parent_path().string());
  const std::string sha = first_line_of("git -C " + dir + " rev-parse --verify HEAD 2>/dev/null");
  if (sha.empty()) return {};
  // A changed or untracked file is not what the commit holds.
  const std::string changed = first_line_of("git -C " + dir + " status --porcelain -- " +
                                            shell_quoted(path.filename().string()) + " 2>/dev/null");
  return changed.empty() ? sha : sha + "-dirty";
}

std::string user_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
  return std::to_string(::geteuid());
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return {};
  return name.data();
}

}  // namespace

RunOrigin run_origin(const std::string& file) { return {host_name(), user_name(), git_commit_of(file)}; }

std::string iso_utc_now(Clock& clock) {
  const std::time_t t = std::chrono::system_clock::to_time_t(clock.wall_now());
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  std::array<char, 32> out{};
  std::strftime(out.data(), out.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out.data();
}

state::RunRecord run_record_for(const std::string& command, const std::string& started_at, const plan::Plan& plan,
                                const std::string& state_id, bool bulk_create) {
  state::RunRecord r;
  r.command = command;
  r.started_at = started_at;
  RunOrigin origin = run_origin(plan.campaign_file);
  r.host = origin.host;
  r.user = origin.user;
  r.git_commit = origin.git_commit;
  r.campaign = plan.campaign;
  r.campaign_file = plan.campaign_file;
  r.campaign_sha256 = plan.campaign_sha256;
  r.actions = plan.totals.actions;
  r.credits_planned = plan.totals.credits;
  r.requests_planned = plan.totals.api_requests;
  r.plan_json = plan::saved_plan_to_json(plan::SavedPlan{plan, state_id, bulk_create})
                    .dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  return r;
}

void add_results(state::RunRecord& record, const apply::ApplyResult& result, int exit_code) {
  record.actions_failed = static_cast<int>(result.actions.size()) - result.count(apply::NodeStatus::ok);
  record.credits_charged = result.credits_charged();
  record.requests_made = result.requests_made();
  record.outcome = result.complete() ? "applied" : "partial";
  record.results_json = apply::to_json(result, exit_code).dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

void record_run_or_warn(state::Store& store, const state::RunRecord& record) {
  auto id = state::record_run(store, record);
  if (!id.ok()) log::print_stderr("warn", "could not record this run in the run history: " + id.error().message() + "\n");
}

}  // namespace ugc::cli
