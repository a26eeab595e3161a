#pragma once
// Ctrl-C and SIGTERM while a long command runs: the first asks it to stop
// cleanly (apply starts nothing new and records what finished; the simulator
// shuts down); a second leaves at once with exit code 130.
#include <atomic>

namespace ugc::cli {

class InterruptScope {
 public:
  InterruptScope();   // installs the handlers and clears the flag
  ~InterruptScope();  // restores the default handlers
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // Set by the first signal; stays set until the scope ends.
  const std::atomic<bool>& requested() const;
};

}  // namespace ugc::cli
