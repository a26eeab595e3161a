#include "ugc/cli/interrupt.hpp"

#include "ugc/cli/exit_codes.hpp"

#include <csignal>
#include <cstdlib>

namespace ugc::cli {
namespace {

std::atomic<bool> g_requested{false};

extern "C" void on_interrupt(int) {
  if (g_requested.exchange(true)) std::_Exit(kExitInterrupted);  // the second signal: leave now
}

}  // namespace

InterruptScope::InterruptScope() {
  g_requested = false;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

InterruptScope::~InterruptScope() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>& InterruptScope::requested() const { return g_requested; }

}  // namespace ugc::cli
