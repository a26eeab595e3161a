#pragma once
// A real HTTP server on 127.0.0.1 (cpp-httplib) for the client's integration
// tests. It records every request and which client port (= TCP connection)
// it came on, so tests can count connections and check keep-alive.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ugc::api::test {

struct SeenRequest {
  std::string method;
  std::string path;
  httplib::Headers headers;
  std::string body;
  int remote_port = 0;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class LoopbackServer {
 public:
  LoopbackServer() {
    server_.set_keep_alive_max_count(1000);
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard lock(mu_);
      seen_.push_back({req.method, req.path, req.headers, req.body, req.remote_port});
      ports_.insert(req.remote_port);
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~LoopbackServer() { stop(); }

  httplib::Server& routes() { return server_; }

  // Binds an ephemeral port and serves on a thread; returns the base URL.
  std::string start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return "http://127.0.0.1:" + std::to_string(port_);
  }
  void stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  std::vector<SeenRequest> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  size_t connections() {
    std::lock_guard lock(mu_);
    return ports_.size();
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<SeenRequest> seen_;
  std::set<int> ports_;
};

}  // namespace ugc::api::test
