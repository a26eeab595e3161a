#include "socket_stream.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace ugc::events {
namespace {

// Milliseconds left until `deadline`, for poll(); 0 once passed.
int millis_until(Clock::time_point deadline, Clock::time_point now) {
  if (deadline <= now) return 0;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<long long>(left, 60'000));
}

// Waits for `events` on fd until the deadline: >0 ready, 0 timed out, <0 error.
int wait_for(int fd, short events, Clock& clock, Clock::time_point deadline) {
  for (;;) {
    const auto now = clock.monotonic_now();
    if (now >= deadline) return 0;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, millis_until(deadline, now));
    if (r < 0 && errno == EINTR) continue;
    if (r > 0 && (p.revents & (POLLERR | POLLNVAL))) return -1;
    if (r != 0) return r;
  }
}

// Where the head ends: the first blank line (CRLF CRLF, or LF LF), searched
// from `from`. Returns {end of head, start of body}, or npos.
std::pair<std::size_t, std::size_t> find_blank_line(const std::string& text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    if (i + 1 < text.size() && text[i + 1] == '\n') return {i + 1, i + 2};
    if (i + 2 < text.size() && text[i + 1] == '\r' && text[i + 2] == '\n') return {i + 1, i + 3};
  }
  return {std::string::npos, std::string::npos};
}

}  // namespace

ReadEnd SocketStream::fill(Clock::time_point deadline) {
  const int ready = wait_for(fd_, POLLIN, clock_, deadline);
  if (ready == 0) return ReadEnd::timed_out;
  if (ready < 0) return ReadEnd::closed;
  char chunk[16 * 1024];
  for (;;) {
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ReadEnd::closed;
    // ACK at once: a client that writes head and body separately (Nagle on)
    // waits for this ACK before sending the body; delayed, it costs ~40 ms.
    const int on = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return ReadEnd::complete;
  }
}

ReadEnd SocketStream::read_head(std::string& head, Clock::time_point idle_deadline, Clock::duration request_time,
                                std::size_t max_head_bytes, Clock::time_point& request_deadline) {
  if (buffer_.empty()) {
    if (ReadEnd end = fill(idle_deadline); end != ReadEnd::complete) return end;
  }
  request_deadline = clock_.monotonic_now() + request_time;
  std::size_t searched = 0;
  for (;;) {
    // A head starts with its request line: the blank line cannot be at 0.
    auto [head_end, body_start] = find_blank_line(buffer_, searched);
    if (head_end != std::string::npos) {
      if (head_end > max_head_bytes) return ReadEnd::too_large;
      head.assign(buffer_, 0, head_end);
      buffer_.erase(0, body_start);
      return ReadEnd::complete;
    }
    if (buffer_.size() > max_head_bytes + 4) return ReadEnd::too_large;
    searched = buffer_.size() >= 2 ? buffer_.size() - 2 : 0;
    if (ReadEnd end = fill(request_deadline); end != ReadEnd::complete) return end;
  }
}

ReadEnd SocketStream::read_body(std::size_t length, std::string& body, Clock::time_point deadline) {
  while (buffer_.size() < length) {
    if (ReadEnd end = fill(deadline); end != ReadEnd::complete) return end;
  }
  body.assign(buffer_, 0, length);
  buffer_.erase(0, length);
  return ReadEnd::complete;
}

bool SocketStream::write_all(std::string_view bytes, Clock::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (wait_for(fd_, POLLOUT, clock_, deadline) <= 0) return false;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace ugc::events
