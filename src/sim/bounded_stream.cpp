#include "ugc/sim/bounded_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ugc::sim {
namespace {

constexpr const char kHeaderEnd[] = "\r\n\r\n";

// poll() for one event, restarted on EINTR; > 0 ready, 0 timed out, < 0 error.
int poll_socket(int sock, short events, std::chrono::milliseconds timeout) {
  pollfd p{sock, events, 0};
  for (;;) {
    const int rc = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, timeout.count())));
    if (rc >= 0 || errno != EINTR) return rc;
  }
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    port = ntohs(in.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    port = ntohs(in6.sin6_port);
  }
  ip = text;
}

std::chrono::milliseconds until(std::chrono::steady_clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
}

}  // namespace

BoundedStream::BoundedStream(int sock, const RequestLimits& limits) : sock_(sock), limits_(limits) {}

bool BoundedStream::wait_for_request(const std::function<bool()>& stopping) {
  if (buffer_pos_ < buffer_len_) return true;  // pipelined: the next request is already here
  const auto deadline = SteadyClock::now() + limits_.idle_timeout;
  // Short slices, so that stopping the server does not wait for idle clients.
  constexpr std::chrono::milliseconds kSlice{100};
  while (!stopping()) {
    const auto left = until(deadline);
    if (left.count() <= 0) return false;
    const int rc = poll_socket(sock_, POLLIN, std::min(left, kSlice));
    if (rc < 0) return false;
    if (rc > 0) return true;
  }
  return false;
}

void BoundedStream::begin_request() {
  const auto now = SteadyClock::now();
  header_deadline_ = now + limits_.header_timeout;
  request_deadline_ = now + limits_.request_timeout;
  raw_headers_.clear();
  headers_done_ = false;
  body_read_ = 0;
  body_limit_ = limits_.max_body_bytes;
  declared_length_.reset();
}

void BoundedStream::set_body_limit(std::size_t bytes, std::optional<std::size_t> declared_length) {
  body_limit_ = bytes;
  declared_length_ = declared_length;
}

bool BoundedStream::body_left_unread() const { return declared_length_ && body_read_ < *declared_length_; }

ssize_t BoundedStream::fill() {
  buffer_pos_ = buffer_len_ = 0;
  const auto deadline = headers_done_ ? request_deadline_ : header_deadline_;
  const auto left = until(deadline);
  const int rc = poll_socket(sock_, POLLIN, std::min<std::chrono::milliseconds>(left, limits_.io_timeout));
  if (rc == 0) {
    failure_ = StreamFailure::timeout;
    return -1;
  }
  if (rc < 0) return -1;
  ssize_t n;
  do {
    n = ::recv(sock_, buffer_, sizeof buffer_, 0);
  } while (n < 0 && errno == EINTR);
  if (n > 0) buffer_len_ = static_cast<std::size_t>(n);
  return n;
}

// Copies header bytes up to and including the blank line that ends them.
std::size_t BoundedStream::take_header_bytes(char* out, std::size_t size) {
  std::size_t n = 0;
  while (n < size && buffer_pos_ < buffer_len_ && !headers_done_) {
    const char c = buffer_[buffer_pos_++];
    out[n++] = c;
    raw_headers_.push_back(c);
    headers_done_ = raw_headers_.size() >= 4 && raw_headers_.compare(raw_headers_.size() - 4, 4, kHeaderEnd) == 0;
  }
  return n;
}

ssize_t BoundedStream::read(char* ptr, std::size_t size) {
  if (failure_ != StreamFailure::none) return -1;
  if (buffer_pos_ == buffer_len_) {
    const ssize_t got = fill();
    if (got <= 0) return got;
  }
  if (!headers_done_) {
    const std::size_t n = take_header_bytes(ptr, size);
    if (raw_headers_.size() > limits_.max_header_bytes) {
      failure_ = StreamFailure::headers_too_large;
      return -1;
    }
    return static_cast<ssize_t>(n);
  }
  const std::size_t n = std::min(size, buffer_len_ - buffer_pos_);
  if (body_read_ + n > body_limit_) {
    failure_ = StreamFailure::body_too_large;
    return -1;
  }
  std::memcpy(ptr, buffer_ + buffer_pos_, n);
  buffer_pos_ += n;
  body_read_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t BoundedStream::write(const char* ptr, std::size_t size) {
  if (poll_socket(sock_, POLLOUT, limits_.io_timeout) <= 0) return -1;
  ssize_t n;
  do {
    n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

bool BoundedStream::is_readable() const {
  return buffer_pos_ < buffer_len_ || poll_socket(sock_, POLLIN, limits_.io_timeout) > 0;
}

bool BoundedStream::is_writable() const { return poll_socket(sock_, POLLOUT, limits_.io_timeout) > 0; }

void BoundedStream::discard_input(std::size_t max_bytes, std::chrono::milliseconds max_wait) {
  ::shutdown(sock_, SHUT_WR);
  const auto deadline = SteadyClock::now() + max_wait;
  std::size_t discarded = 0;
  while (discarded < max_bytes) {
    const auto left = until(deadline);
    if (left.count() <= 0 || poll_socket(sock_, POLLIN, left) <= 0) return;
    const ssize_t n = ::recv(sock_, buffer_, sizeof buffer_, 0);
    if (n <= 0) return;
    discarded += static_cast<std::size_t>(n);
  }
}

void BoundedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
}

void BoundedStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
}

}  // namespace ugc::sim
