#include "ugc/sim/guarded_http_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <limits>
#include <random>

#include "ugc/sim/bounded_stream.hpp"
#include "ugc/sim/pipeline.hpp"
#include "ugc/sim/raw_headers.hpp"
#include "ugc/sim/router.hpp"
#include "ugc/sim/worker_pool.hpp"

namespace ugc::sim {
namespace {

// Workers beyond the connection limit: they answer the refused connections.
constexpr std::size_t kSpareWorkers = 16;
// After answering a request whose body we did not read: what we read and drop
// so the client sees the answer instead of a reset.
constexpr std::size_t kLingerBytes = 4u << 20;
constexpr std::chrono::milliseconds kLingerTime{2000};
constexpr std::size_t kRefusalLingerBytes = 64u << 10;
constexpr std::chrono::milliseconds kRefusalLingerTime{200};

// The connection this worker thread is serving, for the error handler, which
// httplib calls without it.
thread_local const BoundedStream* t_serving = nullptr;

std::string fresh_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[32];
  std::snprintf(buf, sizeof buf, "req_%016llx%08llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng() & 0xffffffffULL));
  return buf;
}

void answer_error(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
                  const std::string& message, Json details = nullptr) {
  res.status = status;
  res.set_header("X-TokPortal-API-Version", kApiVersion);
  res.set_header("X-TokPortal-API-Stability", "stable");
  const std::string client_id = req.get_header_value("X-Request-ID");
  res.set_header("X-TokPortal-Request-ID", safe_request_id(client_id) ? client_id : fresh_request_id());
  res.set_content(Reply::error(status, code, message, std::move(details)).body.dump(),
                  "application/json; charset=utf-8");
}

// The body length a request declares; nullopt when chunked or not stated.
std::optional<std::size_t> declared_body_length(const httplib::Request& req) {
  if (req.get_header_value("Transfer-Encoding") == "chunked" || !req.has_header("Content-Length"))
    return std::nullopt;
  const std::string v = req.get_header_value("Content-Length");
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::size_t>::max();
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return n;
}

// The contract's envelope for an error httplib or the stream produced itself.
void describe_transport_error(const httplib::Request& req, httplib::Response& res) {
  const StreamFailure failure = t_serving ? t_serving->failure() : StreamFailure::none;
  if (failure == StreamFailure::timeout)
    return answer_error(req, res, 408, "REQUEST_TIMEOUT", "The request did not arrive in time");
  if (failure == StreamFailure::headers_too_large)
    return answer_error(req, res, 431, "HEADERS_TOO_LARGE", "The request headers are too large");
  if (failure == StreamFailure::body_too_large || res.status == 413)
    return answer_error(req, res, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than the simulator accepts");
  switch (res.status) {
    case 400: return answer_error(req, res, 400, "VALIDATION_ERROR", "Malformed HTTP request");
    case 404: return answer_error(req, res, 404, "NOT_FOUND", "No such path");
    case 414: return answer_error(req, res, 414, "URI_TOO_LONG", "The request line is too long");
    case 415: return answer_error(req, res, 415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Content-Encoding");
    default: return answer_error(req, res, res.status, "INTERNAL_ERROR", "The simulator could not serve this request");
  }
}

}  // namespace

GuardedHttpServer::GuardedHttpServer(RequestLimits limits) : limits_(limits) { install_guards(); }

void GuardedHttpServer::install_guards() {
  const std::size_t workers = limits_.max_connections + kSpareWorkers;
  new_task_queue = [workers] { return new WorkerPool(workers); };
  set_read_timeout(limits_.io_timeout);
  set_write_timeout(limits_.io_timeout);
  set_keep_alive_timeout(limits_.idle_timeout.count());  // announced in the Keep-Alive header
  set_payload_max_length(limits_.max_upload_bytes);      // httplib's own check, behind ours

  // A declared body over the path's limit is refused before any of it is read
  // (and before a 100-continue invites it).
  auto oversized = [this](const httplib::Request& req, httplib::Response& res) {
    const auto declared = declared_body_length(req);
    const std::size_t limit = body_limit_for(limits_, req.path);
    if (!declared || *declared <= limit) return false;
    answer_error(req, res, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than the simulator accepts on this path",
                 Json{{"max_bytes", limit}, {"content_length", *declared}});
    res.set_header("Connection", "close");
    return true;
  };
  set_pre_routing_handler([oversized](const httplib::Request& req, httplib::Response& res) {
    return oversized(req, res) ? HandlerResponse::Handled : HandlerResponse::Unhandled;
  });
  set_expect_100_continue_handler(
      [oversized](const httplib::Request& req, httplib::Response& res) { return oversized(req, res) ? 413 : 100; });
  set_error_handler(HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return HandlerResponse::Unhandled;  // the pipeline's own answers
    describe_transport_error(req, res);
    return HandlerResponse::Handled;
  }));
}

void GuardedHttpServer::widen_listen_backlog(int backlog) { ::listen(svr_sock_, backlog); }

bool GuardedHttpServer::process_and_close_socket(int sock) {
  struct OpenConnection {
    std::atomic<std::size_t>& open;
    const std::size_t count = ++open;
    ~OpenConnection() { --open; }
  } connection{open_connections_};
  BoundedStream stream(sock, limits_);
  if (connection.count > limits_.max_connections)
    refuse_connection(stream);
  else
    serve(stream);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

void GuardedHttpServer::serve(BoundedStream& stream) {
  t_serving = &stream;
  auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
  auto setup = [this, &stream](httplib::Request& req) {
    restore_raw_headers(req, stream.raw_headers());
    stream.set_body_limit(body_limit_for(limits_, req.path), declared_body_length(req));
  };
  for (std::size_t served = 0; served < keep_alive_max_count_ && stream.wait_for_request(stopping); ++served) {
    stream.begin_request();
    bool client_closes = false;
    const bool answered = process_request(stream, served + 1 == keep_alive_max_count_, client_closes, setup);
    const StreamFailure failure = stream.failure();
    if (failure == StreamFailure::body_too_large || (failure == StreamFailure::none && stream.body_left_unread())) {
      stream.discard_input(kLingerBytes, kLingerTime);
      break;
    }
    if (!answered || client_closes || failure != StreamFailure::none) break;
  }
  t_serving = nullptr;
}

void GuardedHttpServer::refuse_connection(BoundedStream& stream) {
  const std::string body =
      Reply::error(503, "TOO_MANY_CONNECTIONS", "The simulator has too many open connections; retry shortly",
                   Json{{"max_connections", limits_.max_connections}})
          .body.dump();
  const std::string head = std::string("HTTP/1.1 503 Service Unavailable\r\n") +
                           "Content-Type: application/json; charset=utf-8\r\n" +
                           "Content-Length: " + std::to_string(body.size()) + "\r\n" + "Retry-After: 1\r\n" +
                           "X-TokPortal-API-Version: " + kApiVersion + "\r\n" + "Connection: close\r\n\r\n";
  const std::string answer = head + body;
  if (stream.write(answer.data(), answer.size()) < 0) return;
  stream.discard_input(kRefusalLingerBytes, kRefusalLingerTime);
}

}  // namespace ugc::sim
