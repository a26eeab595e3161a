#pragma once
// ObservedTransport: a Transport decorator that remembers, per thread, what
// the last HTTP exchange looked like (status, X-TokPortal-Request-ID) and how
// many were sent. The API client hides those behind Result<Response>; the
// apply summary needs them for failures ("HTTP 402, request id req_9") and the
// per-action request counts. Each executor worker runs one action at a time on
// its thread, so "this thread since reset()" is "this action".
// Thread-safe (the state is thread_local).
#include <memory>
#include <string>

#include "ugc/api/transport.hpp"

namespace ugc::apply {

struct ThreadTraffic {
  int attempts = 0;        // HTTP requests sent since reset
  int last_status = 0;     // 0 when the last attempt got no response
  std::string last_request_id;
};

class ObservedTransport final : public api::Transport {
 public:
  explicit ObservedTransport(std::shared_ptr<api::Transport> inner) : inner_(std::move(inner)) {}

  Result<api::HttpResponse> send(const api::HttpRequest& request) override;

  // The calling thread's counters.
  static ThreadTraffic& this_thread();
  static void reset_this_thread() { this_thread() = ThreadTraffic{}; }

 private:
  std::shared_ptr<api::Transport> inner_;
};

}  // namespace ugc::apply
