#pragma once
// BoundedStream: an httplib::Stream over one accepted socket that holds each
// request to the RequestLimits: the request line and headers must arrive
// within `header_timeout` and `max_header_bytes`, the whole request within
// `request_timeout`, the body within the body limit the server sets once the
// headers are known; any read or write making no progress for `io_timeout`
// fails. A read that breaks a limit returns -1 (httplib then answers or
// closes) and `failure()` says which limit it was. It also keeps the request
// line and headers as received (raw_headers.hpp restores what httplib drops).
// One connection, one thread: not thread-safe.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "ugc/sim/request_limits.hpp"

namespace ugc::sim {

enum class StreamFailure { none, timeout, headers_too_large, body_too_large };

class BoundedStream : public httplib::Stream {
 public:
  BoundedStream(int sock, const RequestLimits& limits);

  // Waits up to `idle_timeout` for the first byte of the next request; false
  // on timeout, end of stream or when `stopping()` turns true.
  bool wait_for_request(const std::function<bool()>& stopping);
  // Starts the clocks and byte counts of the next request.
  void begin_request();
  // Once the headers are parsed: this request's body budget, and the length
  // it declared (nullopt: chunked or unknown).
  void set_body_limit(std::size_t bytes, std::optional<std::size_t> declared_length);

  const std::string& raw_headers() const { return raw_headers_; }
  StreamFailure failure() const { return failure_; }
  // True when the body the request declared was not read to its end: the
  // connection cannot carry another request.
  bool body_left_unread() const;
  // Half-closes and reads (discarding) what the client is still sending, for
  // at most `max_bytes` or `max_wait`, so it can read our answer before the
  // socket is closed under it.
  void discard_input(std::size_t max_bytes, std::chrono::milliseconds max_wait);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, std::size_t size) override;
  ssize_t write(const char* ptr, std::size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  int socket() const override { return sock_; }

 private:
  using SteadyClock = std::chrono::steady_clock;
  ssize_t fill();
  std::size_t take_header_bytes(char* out, std::size_t size);

  int sock_;
  const RequestLimits& limits_;
  char buffer_[4096];
  std::size_t buffer_pos_ = 0, buffer_len_ = 0;
  std::string raw_headers_;
  bool headers_done_ = false;
  std::size_t body_read_ = 0, body_limit_ = 0;
  std::optional<std::size_t> declared_length_;
  SteadyClock::time_point header_deadline_, request_deadline_;
  StreamFailure failure_ = StreamFailure::none;
};

}  // namespace ugc::sim
