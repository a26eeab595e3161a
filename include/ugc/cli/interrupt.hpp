#pragma once
// Ctrl-C and SIGTERM while a long command runs: the first asks it to stop
// cleanly (apply starts nothing new and records what finished; the simulator
// shuts down); a second leaves at once with exit code 130.
//
// Before apply's first action (planning, the confirmation prompt) the scope
// is in its "before first action" mode: every signal only asks to stop, and it
// interrupts a blocking read such as the prompt, so that the run gets back to
// its own code, releases the state lock and leaves; no second signal can cut
// that short and leave the lock behind.
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

  // On: signals interrupt blocking reads and never leave at once. Off (the
  // default): reads resume after a signal and the second signal leaves.
  void set_before_first_action(bool on);
};

}  // namespace ugc::cli
