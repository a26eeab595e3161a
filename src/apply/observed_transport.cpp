#include "ugc/apply/observed_transport.hpp"

#include "ugc/api/response.hpp"

namespace ugc::apply {

ThreadTraffic& ObservedTransport::this_thread() {
  thread_local ThreadTraffic traffic;
  return traffic;
}

Result<api::HttpResponse> ObservedTransport::send(const api::HttpRequest& request) {
  auto result = inner_->send(request);
  ThreadTraffic& t = this_thread();
  ++t.attempts;
  if (result.ok()) {
    t.last_status = result->status;
    t.last_request_id = api::response_request_id(result->headers);
  } else {
    t.last_status = 0;
    t.last_request_id.clear();
  }
  return result;
}

}  // namespace ugc::apply
