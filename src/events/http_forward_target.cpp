#include "ugc/events/http_forward_target.hpp"

#include "ugc/core/hash.hpp"

namespace ugc::events {

HttpForwardTarget::HttpForwardTarget(std::string url, std::string secret, api::Transport& transport,
                                     std::shared_ptr<Clock> clock, std::chrono::milliseconds timeout)
    : url_(std::move(url)),
      name_(forward_url_label(url_)),
      secret_(std::move(secret)),
      transport_(transport),
      clock_(std::move(clock)),
      timeout_(timeout) {}

Status HttpForwardTarget::send(const ForwardedEvent& event) {
  const auto unix_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(clock_->wall_now().time_since_epoch()).count();
  const std::string t = std::to_string(unix_seconds);
  api::HttpRequest request;
  request.method = "POST";
  request.url = url_;
  request.body = event.body;
  request.timeout = timeout_;
  request.headers.add("Content-Type", "application/json");
  request.headers.add("User-Agent", std::string("ugc-forward/") + UGC_VERSION);
  request.headers.add("TokPortal-Event-Id", event.event_id);
  request.headers.add("TokPortal-Event-Type", event.event_type);
  request.headers.add("TokPortal-Signature", "t=" + t + ",v1=" + hmac_sha256_hex(secret_, t + "." + event.body));
  request.headers.add("X-Ugc-Forward-Attempt", std::to_string(event.attempt));
  auto response = transport_.send(request);
  if (!response) return response.error().with_context("forwarding to " + url_);
  if (response->status >= 200 && response->status < 300) return {};
  return Error(ErrorKind::conflict,
               "forwarding to " + url_ + ": HTTP " + std::to_string(response->status) + " " +
                   response->body.substr(0, 200),
               kForwardRejected);
}

}  // namespace ugc::events
