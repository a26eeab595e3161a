#pragma once
// The table of subcommands. Each command lives in src/cli/cmd_<name>.cpp and
// provides a `define` function that declares its flags on a CLI11 subcommand and
// returns the function that runs it. main() only parses and dispatches.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ugc/cli/exit_codes.hpp"
#include "ugc/core/result.hpp"

namespace ugc::cli {

// Runs a parsed command; returns its exit code (exit_codes.hpp) or an error
// (then main prints it and exits with exit_code_for(kind)).
using CommandRun = std::function<Result<int>()>;

struct CommandSpec {
  const char* name;
  const char* summary;
  CommandRun (*define)(CLI::App& sub);
};

const std::vector<CommandSpec>& command_table();

// One function per command, defined in src/cli/cmd_<name>.cpp.
CommandRun define_validate(CLI::App& sub);
CommandRun define_lint(CLI::App& sub);
CommandRun define_expand(CLI::App& sub);
CommandRun define_plan(CLI::App& sub);
CommandRun define_apply(CLI::App& sub);
CommandRun define_state(CLI::App& sub);
CommandRun define_sim(CLI::App& sub);

}  // namespace ugc::cli
