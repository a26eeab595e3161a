#pragma once
// Blocking reads and writes on one accepted TCP socket, each bounded by a
// deadline (poll before every recv/send), so a client that trickles bytes or
// stops reading cannot hold a connection thread past the deadline. Private to
// the events module.
#include <cstddef>
#include <string>
#include <string_view>

#include "ugc/core/clock.hpp"

namespace ugc::events {

enum class ReadEnd {
  complete,
  closed,     // the peer closed (or reset) before the read completed
  timed_out,  // the deadline passed
  too_large,  // the head grew past its limit without ending
};

class SocketStream {
 public:
  SocketStream(int fd, Clock& clock) : fd_(fd), clock_(clock) {}

  // Reads a request head, up to and excluding its blank line, into `head`.
  // Waits for a first byte until `idle_deadline` (keep-alive idle); once one
  // arrived, the rest of the request must come within `request_time`, and
  // `request_deadline` is set to that moment (for the body). Bytes read past
  // the head are kept for read_body.
  ReadEnd read_head(std::string& head, Clock::time_point idle_deadline, Clock::duration request_time,
                    std::size_t max_head_bytes, Clock::time_point& request_deadline);
  // Reads exactly `length` body bytes into `body`.
  ReadEnd read_body(std::size_t length, std::string& body, Clock::time_point deadline);
  // Writes all of `bytes`; false when the peer is gone or the deadline passed.
  bool write_all(std::string_view bytes, Clock::time_point deadline);

 private:
  // Waits until readable and reads what is there into buffer_.
  ReadEnd fill(Clock::time_point deadline);

  int fd_;
  Clock& clock_;
  std::string buffer_;  // read but not yet consumed
};

}  // namespace ugc::events
