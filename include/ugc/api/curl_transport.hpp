#pragma once
// CurlTransport: the libcurl implementation of Transport, and the only place
// in ugc that talks HTTP as a client.
//
// Connections are kept alive: a pool of CURL easy handles is shared by all
// threads; a send borrows a handle, uses it, and returns it, so a worker
// thread reuses the same connection for its next request. TLS verification
// is always on; proxies come from the environment (libcurl's default:
// https_proxy, no_proxy, ...). Thread-safe.
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "ugc/api/transport.hpp"

namespace ugc::api {

struct CurlOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::string user_agent;  // e.g. "ugc/0.1.0"
};

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  void* borrow_handle();
  void return_handle(void* handle);

  CurlOptions options_;
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles with live connections
};

}  // namespace ugc::api
