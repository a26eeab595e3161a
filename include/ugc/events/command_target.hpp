#pragma once
// CommandTarget: `ugc webhooks serve --on-event CMD`. Runs CMD with /bin/sh -c
// for each event, the event's envelope (JSON) on its stdin and UGC_EVENT_ID,
// UGC_EVENT_TYPE and UGC_EVENT_ATTEMPT in its environment (the receiver's
// secrets and TOKPORTAL_API_KEY are taken out of it). Exit status 0 is
// success; any other status, a signal or running past `timeout` (the
// command's process group is then killed) fails the event, which is retried. stdout is
// discarded; the end of stderr is kept for the error (ugc events list
// --pending shows it). Not thread-safe: the Forwarder calls it from one thread.
#include <chrono>
#include <string>

#include "ugc/events/forward_target.hpp"

namespace ugc::events {

// Error code of a command that failed or timed out.
inline constexpr const char* kOnEventFailed = "ON_EVENT_FAILED";

class CommandTarget : public ForwardTarget {
 public:
  CommandTarget(std::string command, std::chrono::milliseconds timeout);

  const std::string& name() const override { return name_; }
  Status send(const ForwardedEvent& event) override;

 private:
  std::string command_, name_;
  std::chrono::milliseconds timeout_;
};

}  // namespace ugc::events
