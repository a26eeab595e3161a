#pragma once
// Who holds a state lock, as both lock kinds (lock files for SQLite, advisory
// locks for PostgreSQL) record it for whoever waits. Private to src/state.
#include <string>

namespace ugc::state {

// This machine's host name ("unknown" when it cannot be read).
std::string this_host();
// A fresh holder id: 12 random hex digits, one per run.
std::string new_holder_id();

}  // namespace ugc::state
