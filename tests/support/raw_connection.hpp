#pragma once
// RawConnection: one TCP connection to a server of ours (`ugc sim`, `ugc
// webhooks serve`) driven byte by byte, for the tests an HTTP library cannot
// express: slow clients, bodies streamed past a limit, header floods, headers
// with empty values. Every wait is bounded by a
// generous socket timeout, so a broken simulator fails a test instead of
// hanging it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "ugc/core/json.hpp"

namespace ugc::testing {

struct RawAnswer {
  int status = 0;  // 0: no answer
  std::string head;
  ugc::Json body;
};

class RawConnection {
 public:
  explicit RawConnection(int port, int timeout_seconds = 20) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // False once the peer closed or reset the connection.
  bool send(const std::string& bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads one answer: the head, then Content-Length bytes (or up to EOF).
  RawAnswer read_answer() {
    std::string in;
    char buf[4096];
    std::size_t head_end = std::string::npos;
    while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return {};
      in.append(buf, static_cast<std::size_t>(n));
    }
    RawAnswer a;
    a.head = in.substr(0, head_end);
    a.status = std::atoi(a.head.c_str() + a.head.find(' ') + 1);
    std::string body = in.substr(head_end + 4);
    const std::size_t length = content_length(a.head);
    while (body.size() < length) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      body.append(buf, static_cast<std::size_t>(n));
    }
    a.body = ugc::Json::parse(body, nullptr, false);
    return a;
  }

  // What arrives within `wait`, until the peer closes or the wait ends.
  std::string receive(std::chrono::milliseconds wait) {
    std::string got;
    const auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  }
  bool closed_by_peer() const { return closed_; }

 private:
  static std::size_t content_length(const std::string& head) {
    for (const char* name : {"Content-Length: ", "content-length: "}) {
      const auto at = head.find(name);
      if (at != std::string::npos) return std::stoul(head.substr(at + std::string(name).size()));
    }
    return std::string::npos;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

// A complete request with the demo key; `extra` holds more header lines ("Name: value\r\n").
inline std::string raw_api_request(const std::string& method, const std::string& path, const std::string& body,
                                   const std::string& extra) {
  return method + " /api/ext" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: sk_" + std::string(64, 'a') +
         "\r\n" + extra + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace ugc::testing
