#pragma once
// GuardedHttpServer: the cpp-httplib server of `ugc sim`, held to the
// RequestLimits so that abusive clients cannot exhaust it (docs/sim.md,
// "Limits"):
// - every connection is served by its own worker (WorkerPool sized to the
//   connection limit), so slow clients hold only their own threads; past
//   `max_connections` open at once a connection is answered `503
//   TOO_MANY_CONNECTIONS` and closed;
// - each request is read through a BoundedStream: idle, header and request
//   deadlines, a header size cap and the body limit of its path;
// - a declared Content-Length over the limit is answered `413
//   PAYLOAD_TOO_LARGE` before any of the body is read, and the connection is
//   closed;
// - httplib's own error answers (malformed request, limits) get the
//   contract's error envelope.
// It replaces httplib's per-connection loop (process_and_close_socket) and
// reuses its request parsing (process_request). Thread-safe as httplib::Server.
#include <httplib.h>

#include <atomic>
#include <cstddef>

#include "ugc/sim/request_limits.hpp"

namespace ugc::sim {

class BoundedStream;

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(RequestLimits limits);

  // After binding: lets the kernel queue more not-yet-accepted connections
  // than httplib's 5, so a burst of clients is not answered with SYN retries.
  void widen_listen_backlog(int backlog);

 private:
  bool process_and_close_socket(int sock) override;
  void install_guards();
  void serve(BoundedStream& stream);
  void refuse_connection(BoundedStream& stream);

  const RequestLimits limits_;
  std::atomic<std::size_t> open_connections_{0};
};

}  // namespace ugc::sim
