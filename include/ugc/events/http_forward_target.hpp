#pragma once
// HttpForwardTarget: `ugc webhooks serve --forward URL`. POSTs each event's
// envelope to the user's tracker, signed exactly as TokPortal signs (§9.4,
// TokPortal-Signature `t=..,v1=HMAC-SHA256(secret, t.body)`) but with the
// user's own forwarding secret, so the tracker can reuse TokPortal's
// verification code. Headers TokPortal-Event-Id and -Type as in §9.3, plus
// X-Ugc-Forward-Attempt. A 2xx answer is success; a non-2xx one fails this
// event; no answer at all (refused, timed out, dropped) is a transient error.
// Goes through api's Transport (the one HTTP client layer). Thread-safe if
// the transport is; the secret is never logged.
#include <chrono>
#include <memory>
#include <string>

#include "ugc/api/transport.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/events/forward_target.hpp"

namespace ugc::events {

// Environment variable holding the forwarding secret (or --forward-secret-file).
inline constexpr const char* kForwardSecretEnv = "UGC_FORWARD_SECRET";
// Error code of a non-2xx answer.
inline constexpr const char* kForwardRejected = "FORWARD_REJECTED";

class HttpForwardTarget : public ForwardTarget {
 public:
  HttpForwardTarget(std::string url, std::string secret, api::Transport& transport, std::shared_ptr<Clock> clock,
                    std::chrono::milliseconds timeout);

  const std::string& name() const override { return name_; }
  Status send(const ForwardedEvent& event) override;

 private:
  std::string url_, name_, secret_;
  api::Transport& transport_;
  std::shared_ptr<Clock> clock_;
  std::chrono::milliseconds timeout_;
};

}  // namespace ugc::events
