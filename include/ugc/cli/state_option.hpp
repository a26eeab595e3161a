#pragma once
// The --state option every state-using command has: an SQLite file (the
// default, .ugc/state.db) or a PostgreSQL URI (postgres://..., a team's
// shared state). When the flag is absent: the UGC_STATE environment
// variable, else the `state:` of the nearest project config
// (project_config.hpp), else the command's default.
#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::cli {

// Where the state in use was chosen, for `ugc state where`.
struct StateChoice {
  std::string location;
  std::string source;  // "--state", "UGC_STATE", "<config path>:<line>" or "default"
  std::string config;  // the project config read, if any
};

// Thrown out of the command line's parse when the state cannot be chosen
// (a bad project config): CLI11 callbacks cannot return errors. main reports
// error() as it reports a command's error.
class StateChoiceError : public std::runtime_error {
 public:
  explicit StateChoiceError(Error error) : std::runtime_error(error.message()), error_(std::move(error)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

// Adds --state to `command`, bound to `state`; `what` says what the command
// keeps there (e.g. "State"). Once the command is parsed, `state` holds the
// chosen location (and `choice`, when given, where it came from).
CLI::Option* add_state_option(CLI::App& command, std::string& state, const std::string& what,
                              StateChoice* choice = nullptr);

}  // namespace ugc::cli
