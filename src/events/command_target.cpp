#include "ugc/events/command_target.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

extern char** environ;

namespace ugc::events {
namespace {

constexpr std::size_t kKeptStderr = 400;

// The receiver's environment minus its secrets, plus the event's variables.
std::vector<std::string> command_environment(const ForwardedEvent& event) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    if (entry.rfind("UGC_WEBHOOK_SECRET=", 0) == 0 || entry.rfind("UGC_FORWARD_SECRET=", 0) == 0 ||
        entry.rfind("TOKPORTAL_API_KEY=", 0) == 0 || entry.rfind("UGC_EVENT_", 0) == 0)
      continue;
    env.push_back(entry);
  }
  env.push_back("UGC_EVENT_ID=" + event.event_id);
  env.push_back("UGC_EVENT_TYPE=" + event.event_type);
  env.push_back("UGC_EVENT_ATTEMPT=" + std::to_string(event.attempt));
  return env;
}

Error command_failed(const std::string& what, const std::string& err_tail) {
  std::string message = "on-event command " + what;
  if (!err_tail.empty()) message += ": " + err_tail;
  return Error(ErrorKind::conflict, message, kOnEventFailed);
}

// A running child: its stdin (written) and stderr (read) pipes, fed and
// drained until both are done or the deadline passes.
struct SpawnedCommand {
  pid_t pid = -1;
  int in = -1, err = -1;
  SpawnedCommand() = default;
  SpawnedCommand(SpawnedCommand&& other) noexcept : pid(other.pid), in(other.in), err(other.err) {
    other.in = other.err = -1;
  }
  SpawnedCommand(const SpawnedCommand&) = delete;
  SpawnedCommand& operator=(const SpawnedCommand&) = delete;
  SpawnedCommand& operator=(SpawnedCommand&&) = delete;
  ~SpawnedCommand() {
    if (in >= 0) ::close(in);
    if (err >= 0) ::close(err);
  }
};

Result<SpawnedCommand> spawn_shell(const std::string& command, const std::vector<std::string>& env) {
  int in_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return io_error(std::string("pipe: ") + std::strerror(errno));
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    return io_error(std::string("pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group, so a timeout kills its children too
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  std::vector<char*> envp;
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  char sh[] = "/bin/sh", dash_c[] = "-c";
  char* argv[] = {sh, dash_c, const_cast<char*>(command.c_str()), nullptr};
  SpawnedCommand child;
  const int rc = ::posix_spawn(&child.pid, "/bin/sh", &actions, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(in_pipe[0]);
  ::close(err_pipe[1]);
  child.in = in_pipe[1];
  child.err = err_pipe[0];
  if (rc != 0) return io_error(std::string("cannot run /bin/sh: ") + std::strerror(rc));
  ::fcntl(child.in, F_SETFL, O_NONBLOCK);
  return child;
}

// Writes `input` and reads stderr until both are done or `deadline`; false on timeout.
bool exchange(SpawnedCommand& child, const std::string& input, std::string& err_tail,
              std::chrono::steady_clock::time_point deadline) {
  std::size_t written = 0;
  if (input.empty()) {
    ::close(child.in);
    child.in = -1;
  }
  while (child.in >= 0 || child.err >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{child.in, POLLOUT, 0}, {child.err, POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    if (child.in >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP | POLLNVAL))) {
      const ssize_t n = ::write(child.in, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
        ::close(child.in);  // done, or the command stopped reading (EPIPE): fine either way
        child.in = -1;
      }
    }
    if (child.err >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL))) {
      char buf[4096];
      const ssize_t n = ::read(child.err, buf, sizeof buf);
      if (n > 0) {
        err_tail.append(buf, static_cast<std::size_t>(n));
        if (err_tail.size() > kKeptStderr) err_tail.erase(0, err_tail.size() - kKeptStderr);
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        ::close(child.err);
        child.err = -1;
      }
    }
  }
  return true;
}

// Waits for the child until `deadline`; nullopt on timeout.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    int status = 0;
    const pid_t got = ::waitpid(pid, &status, WNOHANG);
    if (got == pid) return status;
    if (got < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    ::usleep(2000);
  }
}

// While alive, a SIGPIPE raised on this thread (writing to a command that
// stopped reading) is held back, then discarded: the write gets EPIPE and the
// process lives on.
class SigpipeHeld {
 public:
  SigpipeHeld() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &before_);
  }
  ~SigpipeHeld() {
    const timespec now{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &now) == SIGPIPE) {
    }
    pthread_sigmask(SIG_SETMASK, &before_, nullptr);
  }
  SigpipeHeld(const SigpipeHeld&) = delete;
  SigpipeHeld& operator=(const SigpipeHeld&) = delete;

 private:
  sigset_t pipe_, before_;
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

CommandTarget::CommandTarget(std::string command, std::chrono::milliseconds timeout)
    : command_(std::move(command)), name_(on_event_label(command_)), timeout_(timeout) {}

Status CommandTarget::send(const ForwardedEvent& event) {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  auto child = spawn_shell(command_, command_environment(event));
  if (!child) return child.error().with_context("on-event command");
  std::string err_tail;
  SigpipeHeld hold_sigpipe;
  const bool exchanged = exchange(*child, event.body, err_tail, deadline);
  std::optional<int> status = exchanged ? wait_until(child->pid, deadline) : std::nullopt;
  if (!status) {
    ::kill(-child->pid, SIGKILL);
    ::waitpid(child->pid, nullptr, 0);
    return command_failed("timed out after " + std::to_string(timeout_.count()) + " ms", trimmed(err_tail));
  }
  if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return {};
  if (WIFSIGNALED(*status))
    return command_failed("killed by signal " + std::to_string(WTERMSIG(*status)), trimmed(err_tail));
  return command_failed("exited with " + std::to_string(WEXITSTATUS(*status)), trimmed(err_tail));
}

}  // namespace ugc::events
