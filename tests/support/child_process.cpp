#include "support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

namespace ugc::testing {

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string temp_path(const std::string& stem) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
      .string();
}

// fork + exec with stdout/stderr to files. Returns the pid, or -1.
int spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
          const std::string& cwd, const std::string& in_path, const std::string& out_path,
          const std::string& err_path) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    auto eq = entry.find('=');
    if (eq != std::string::npos && env.count(entry.substr(0, eq))) continue;
    env_strings.push_back(entry);
  }
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid != 0) return pid;
  // Child: only async-signal-safe calls from here.
  ::setpgid(0, 0);
  int in = ::open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
  int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (in < 0 || out < 0 || err < 0) ::_exit(126);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
  ::execve(argv[0], argv.data(), envp.data());
  ::_exit(127);
}

// Waits until the child at `pid` prints a URL on stdout (in `log_path`); on
// failure sets `error` and `pid` to -1.
bool wait_for_listening(int& pid, const std::string& log_path, const std::string& what, std::string& url,
                        std::string& output, std::string& error) {
  if (pid < 0) {
    error = "fork failed";
    return false;
  }
  static const std::regex url_re(R"((http://[0-9.]+:[0-9]+[^\s]*))");
  const std::string err_path = log_path + ".err";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = slurp(log_path);
    std::smatch m;
    if (std::regex_search(out, m, url_re)) {
      output = out;
      url = m[1];
      return true;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      error = what + " exited early: " + slurp(err_path) + out;
      pid = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  error = what + " printed no URL within 15 s: " + slurp(log_path) + slurp(err_path);
  return false;
}

// SIGTERM, then SIGKILL after 2 s; the exit code, or -1 if a signal ended it.
int stop_child(int& pid) {
  if (pid <= 0) return -1;
  ::kill(pid, SIGTERM);
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 200 && !exited; ++i) {
    exited = ::waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

RunResult run_process(const std::vector<std::string>& args, const RunOptions& options) {
  RunResult result;
  std::string out_path = temp_path("ugc-out"), err_path = temp_path("ugc-err"), in_path;
  if (!options.stdin_text.empty()) {
    in_path = temp_path("ugc-in");
    std::ofstream(in_path) << options.stdin_text;
  }
  int pid = spawn(args, options.env, options.cwd, in_path, out_path, err_path);
  if (pid < 0) {
    result.err = "fork failed";
    return result;
  }
  auto start = std::chrono::steady_clock::now();
  auto kill_clock = start;
  bool armed = options.kill_after_progress_lines <= 0;
  static const std::regex progress_re(R"((^|\n)\[[0-9]+/[0-9]+\] )");
  int status = 0;
  for (;;) {
    int r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    auto now = std::chrono::steady_clock::now();
    if (!armed) {
      std::string err = slurp(err_path);
      int lines = static_cast<int>(std::distance(std::sregex_iterator(err.begin(), err.end(), progress_re),
                                                 std::sregex_iterator()));
      if (lines >= options.kill_after_progress_lines) {
        armed = true;
        kill_clock = now;
      }
    }
    auto elapsed = now - start;
    if ((options.kill_after && armed && now - kill_clock >= *options.kill_after) || elapsed >= options.timeout) {
      ::kill(-pid, SIGKILL);  // the whole group: ugc and anything it started
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.killed_by_us = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  if (!in_path.empty()) std::remove(in_path.c_str());
  return result;
}

SimProcess::SimProcess(const std::vector<std::string>& extra_args) : SimProcess(UGC_BINARY, extra_args) {}

SimProcess::SimProcess(const std::string& ugc_binary, const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {ugc_binary, "sim", "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  log_path_ = temp_path("ugc-sim-out");
  pid_ = spawn(args, {}, "", "", log_path_, log_path_ + ".err");
  if (!wait_for_listening(pid_, log_path_, "ugc sim", base_url_, output_, error_)) return;
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  if (base_url_.find("/api/ext") == std::string::npos) base_url_ += "/api/ext";
}

int SimProcess::stop() { return stop_child(pid_); }

SimProcess::~SimProcess() {
  stop();
  std::remove(log_path_.c_str());
  std::remove((log_path_ + ".err").c_str());
}

int SimProcess::port() const {
  auto colon = base_url_.find(':', std::string("http://").size());
  return colon == std::string::npos ? 0 : std::atoi(base_url_.c_str() + colon + 1);
}

ListeningProcess::ListeningProcess(const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env) {
  log_path_ = temp_path("ugc-listen-out");
  pid_ = spawn(args, env, "", "", log_path_, log_path_ + ".err");
  std::string printed;
  wait_for_listening(pid_, log_path_, args.empty() ? "child" : args[0], url_, printed, error_);
}

ListeningProcess::~ListeningProcess() {
  stop();
  std::remove(log_path_.c_str());
  std::remove((log_path_ + ".err").c_str());
}

int ListeningProcess::stop() { return stop_child(pid_); }

int ListeningProcess::port() const {
  auto colon = url_.find(':', std::string("http://").size());
  return colon == std::string::npos ? 0 : std::atoi(url_.c_str() + colon + 1);
}

std::string ListeningProcess::output() const { return slurp(log_path_) + slurp(log_path_ + ".err"); }

std::string SimProcess::root_url() const {
  auto at = base_url_.find("/api/ext");
  return at == std::string::npos ? base_url_ : base_url_.substr(0, at);
}

namespace {

Json parse_or_text(const httplib::Result& res) {
  if (!res) return Json{{"transport_error", httplib::to_string(res.error())}};
  Json body = Json::parse(res->body, nullptr, false);
  if (body.is_discarded()) return Json{{"status", res->status}, {"text", res->body}};
  return body;
}

}  // namespace

Json SimProcess::get(const std::string& path, bool with_key) const {
  httplib::Client client(root_url());
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (with_key) headers.emplace("X-API-Key", kTestApiKey);
  return parse_or_text(client.Get(path.c_str(), headers));
}

Json SimProcess::post(const std::string& path, const Json& body) const {
  httplib::Client client(root_url());
  client.set_read_timeout(30, 0);
  return parse_or_text(client.Post(path.c_str(), body.dump(), "application/json"));
}

}  // namespace ugc::testing
