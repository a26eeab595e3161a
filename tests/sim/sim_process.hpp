#pragma once
// Runs `ugc sim --port 0 ...` as a real child process and reads the port from
// its first stdout line ("ugc sim: listening on http://127.0.0.1:N/api/ext").
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace simtest {

class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      static std::string bin = UGC_BINARY;
      argv.push_back(bin.data());
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fdopen(fds[0], "r");
    char line[512];
    if (!std::fgets(line, sizeof line, out_)) throw std::runtime_error("ugc sim printed nothing");
    first_line_ = line;
    auto at = first_line_.find("http://");
    if (at == std::string::npos) throw std::runtime_error("unexpected first line: " + first_line_);
    base_url_ = first_line_.substr(at);
    while (!base_url_.empty() && (base_url_.back() == '\n' || base_url_.back() == '\r')) base_url_.pop_back();
    auto colon = base_url_.find(':', 7);
    port_ = std::stoi(base_url_.substr(colon + 1));
  }
  ~SimProcess() {
    if (pid_ > 0) stop();
    if (out_) std::fclose(out_);
  }
  // SIGTERM, then the exit status.
  int stop() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  const std::string& base_url() const { return base_url_; }
  const std::string& first_line() const { return first_line_; }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  std::string first_line_, base_url_;
  int port_ = 0;
};

}  // namespace simtest
