#include "ugc/cli/interrupt.hpp"

#include <signal.h>

#include <cstdlib>

#include "ugc/cli/exit_codes.hpp"

namespace ugc::cli {
namespace {

std::atomic<bool> g_requested{false};
std::atomic<bool> g_second_leaves{true};

extern "C" void on_interrupt(int) {
  if (g_requested.exchange(true) && g_second_leaves) std::_Exit(kExitInterrupted);  // the second signal: leave now
}

// Without SA_RESTART a signal makes a blocking read fail with EINTR.
void install_signal_handlers(void (*handler)(int), bool restart_reads) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = restart_reads ? SA_RESTART : 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace

InterruptScope::InterruptScope() {
  g_requested = false;
  g_second_leaves = true;
  install_signal_handlers(on_interrupt, true);
}

InterruptScope::~InterruptScope() {
  install_signal_handlers(SIG_DFL, true);
  g_second_leaves = true;
}

const std::atomic<bool>& InterruptScope::requested() const { return g_requested; }

void InterruptScope::set_before_first_action(bool on) {
  g_second_leaves = !on;
  install_signal_handlers(on_interrupt, !on);
}

}  // namespace ugc::cli
