#pragma once
// The --state option every state-using command has: an SQLite file (the
// default, .ugc/state.db) or a PostgreSQL URI (postgres://..., a team's
// shared state), also taken from the UGC_STATE environment variable.
#include <CLI/CLI.hpp>

#include <string>

namespace ugc::cli {

// Adds --state to `command`, bound to `state`; `what` says what the command
// keeps there (e.g. "State").
CLI::Option* add_state_option(CLI::App& command, std::string& state, const std::string& what);

}  // namespace ugc::cli
