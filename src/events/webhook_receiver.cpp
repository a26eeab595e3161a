// WebhookReceiver's life: bind, accept (one thread per connection, capped),
// stop. What a connection does is in receiver_connection.cpp.
#include "ugc/events/webhook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace ugc::events {
namespace {

Result<int> bind_listener(const std::string& host, int port, int& bound_port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
    return invalid_input("--bind: '" + host + "' is not an IPv4 address");
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return io_error(std::string("cannot create a socket: ") + std::strerror(errno));
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 512) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    return io_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + why);
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  bound_port = ntohs(addr.sin_port);
  return fd;
}

// Over the connection cap: say so without waiting on the client, then close.
void refuse_busy(int fd) {
  static constexpr char kBusy[] =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
  (void)!::send(fd, kBusy, sizeof kBusy - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
  ::close(fd);
}

}  // namespace

WebhookReceiver::WebhookReceiver(ReceiverOptions options, state::Store& store, std::shared_ptr<Clock> clock)
    : options_(std::move(options)), clock_(std::move(clock)), writer_(store, options_.forward_targets) {}

WebhookReceiver::~WebhookReceiver() { stop(); }

Status WebhookReceiver::start() {
  auto fd = bind_listener(options_.host, options_.port, port_);
  if (!fd) return fd.error();
  listen_fd_ = *fd;
  acceptor_ = std::thread([this] { accept_loop(); });
  return {};
}

void WebhookReceiver::stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  std::unique_lock hold(mu_);
  for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);  // wakes their polls
  drained_.wait(hold, [this] { return open_fds_.empty(); });
}

void WebhookReceiver::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;  // 100 ms: how soon stop() is noticed
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors (EMFILE) leaves the listener readable: do not spin on it.
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
        clock_->sleep(std::chrono::milliseconds(10));
      continue;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);  // small answers, no Nagle wait
    {
      std::lock_guard hold(mu_);
      if (open_fds_.size() >= options_.max_connections) {
        refuse_busy(fd);
        continue;
      }
      open_fds_.insert(fd);
    }
    auto finish = [this, fd] {
      std::lock_guard hold(mu_);
      open_fds_.erase(fd);
      ::close(fd);
      drained_.notify_all();
    };
    try {
      std::thread([this, fd, finish] {
        serve(fd);
        finish();
      }).detach();
    } catch (const std::system_error&) {  // out of threads: the client retries later
      finish();
    }
  }
}

}  // namespace ugc::events
