#pragma once
// Test helpers that run the real `ugc` binary as child processes: the
// simulator (`ugc sim --port 0`, base URL read from its stdout) and CLI runs
// (exit code and output captured, optionally killed with SIGKILL after a
// delay, as the chaos test does). Loopback HTTP helpers read the simulator's
// control endpoints (/__sim/ledger, /__sim/requests).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "ugc/core/json.hpp"

namespace ugc::testing {

struct RunResult {
  int exit_code = -1;   // -1 when killed by a signal
  int signal = 0;       // the signal that ended it, if any
  bool killed_by_us = false;
  std::string out, err;
};

struct RunOptions {
  std::map<std::string, std::string> env;  // added to (or overriding) the parent's environment
  std::string cwd;
  // Send SIGKILL after this long (chaos); nullopt = wait until it exits.
  std::optional<std::chrono::milliseconds> kill_after;
  // With kill_after: start its clock only once stderr holds this many apply
  // progress lines ("[k/n] ..."), i.e. k actions finished (chaos).
  int kill_after_progress_lines = 0;
  std::chrono::seconds timeout{120};  // then SIGKILL and fail
  std::string stdin_text;             // fed on stdin (empty: /dev/null)
};

// Runs `args[0]` with `args`; never throws.
RunResult run_process(const std::vector<std::string>& args, const RunOptions& options = {});

// A `ugc sim --port 0 ...` child. The destructor kills it.
class SimProcess {
 public:
  // Starts the simulator with extra flags; `base_url()` is empty on failure
  // (then `error()` says why).
  explicit SimProcess(const std::vector<std::string>& extra_args = {});
  // The same with another `ugc` binary (benchmarks take it as a flag).
  SimProcess(const std::string& ugc_binary, const std::vector<std::string>& extra_args);
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  const std::string& base_url() const { return base_url_; }  // ".../api/ext"
  const std::string& error() const { return error_; }
  std::string root_url() const;  // "http://127.0.0.1:N"
  int port() const;
  int pid() const { return pid_; }  // e.g. to read /proc/<pid>/status
  // What it printed on stdout by the time it was listening.
  const std::string& output() const { return output_; }
  // SIGTERM (SIGKILL after 2 s); returns its exit code, -1 if a signal ended it.
  int stop();

  // GET or POST a control or API path (relative to the root, e.g.
  // "/__sim/ledger", or "/api/ext/bundles" with the demo key). Returns the parsed body.
  Json get(const std::string& path, bool with_key = false) const;
  Json post(const std::string& path, const Json& body) const;

 private:
  int pid_ = -1;
  std::string base_url_;
  std::string error_;
  std::string output_;
  std::string log_path_;
};

// Any `ugc` server command that prints "listening on http://HOST:PORT..." on
// stdout once it accepts (`ugc webhooks serve --port 0`). The destructor stops it.
class ListeningProcess {
 public:
  ListeningProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
  ~ListeningProcess();
  ListeningProcess(const ListeningProcess&) = delete;
  ListeningProcess& operator=(const ListeningProcess&) = delete;

  bool running() const { return pid_ > 0; }
  const std::string& url() const { return url_; }  // as printed, e.g. "http://127.0.0.1:N/"
  int port() const;
  int pid() const { return pid_; }
  const std::string& error() const { return error_; }
  // SIGTERM (SIGKILL after 2 s); returns its exit code, -1 if a signal ended it.
  int stop();
  // Everything it wrote on stdout and stderr so far.
  std::string output() const;

 private:
  int pid_ = -1;
  std::string url_, error_, log_path_;
};

// The demo API key (`sk_` + 64 hex) tests and the demo use.
inline const char* kTestApiKey = "sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

}  // namespace ugc::testing
