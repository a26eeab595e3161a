#pragma once
// ForwardTarget: one place the receiver hands stored events on to (the
// user's tracker over HTTP, or a local command). The Forwarder calls send()
// from its own thread, one event at a time, and deletes the outbox row only
// when send() succeeded; so send() may see an event again after a crash or a
// failure it could not tell from success (at-least-once).
//
// An error of kind ErrorKind::transient means the target could not be reached
// at all (connection refused, timeout): the Forwarder then pauses the whole
// target. Any other error concerns this one event (e.g. an HTTP 500 or a
// non-zero exit): only its bundle's later events wait.
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::events {

struct ForwardedEvent {
  std::string event_id;
  std::string event_type;
  std::string body;  // the event's envelope, JSON
  int attempt = 1;   // 1 on the first try
};

class ForwardTarget {
 public:
  virtual ~ForwardTarget() = default;
  // The target's label in the outbox ("forward:URL", "on-event:CMD"): the
  // same label on the next run means the same target.
  virtual const std::string& name() const = 0;
  virtual Status send(const ForwardedEvent& event) = 0;
};

// Outbox labels of the two kinds of target.
inline std::string forward_url_label(const std::string& url) { return "forward:" + url; }
inline std::string on_event_label(const std::string& command) { return "on-event:" + command; }

}  // namespace ugc::events
