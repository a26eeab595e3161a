#pragma once
// Runs the real `ugc sim --port 0 ...` as a child process for end-to-end
// tests of the client, reads the base URL it prints, and stops it (SIGTERM)
// when destroyed.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace ugc::api::test {

class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> extra_args) {
    std::vector<std::string> args = {UGC_BINARY, "sim", "--port", "0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    int rc = posix_spawn(&pid_, args[0].c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out_ = fds[0];
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    base_url_ = read_base_url(std::chrono::seconds(20));
  }
  ~SimProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (out_ >= 0) ::close(out_);
  }
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  // "http://127.0.0.1:N/api/ext"; empty if the simulator printed no URL in time.
  const std::string& base_url() const { return base_url_; }
  const std::string& output() const { return output_; }

 private:
  std::string read_base_url(std::chrono::seconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    const std::string marker = "listening on ";
    while (std::chrono::steady_clock::now() < deadline) {
      auto nl = output_.find('\n');
      if (nl != std::string::npos) {
        std::string line = output_.substr(0, nl);
        auto at = line.find(marker);
        return at == std::string::npos ? std::string() : line.substr(at + marker.size());
      }
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[512];
      ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) break;  // exited
      output_.append(buf, static_cast<size_t>(n));
    }
    return {};
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string base_url_;
  std::string output_;
};

}  // namespace ugc::api::test
