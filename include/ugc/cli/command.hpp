#pragma once
// The table of subcommands. Each command lives in src/cli/cmd_<name>.cpp and
// provides a `define` function that declares its flags on a CLI11 subcommand and
// returns the function that runs it. main() only parses and dispatches; it makes
// the run's one Clock and hands it to every command (unused by some).
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ugc/cli/exit_codes.hpp"
#include "ugc/core/clock.hpp"
#include "ugc/core/result.hpp"

namespace ugc::cli {

// Runs a parsed command; returns its exit code (exit_codes.hpp) or an error
// (then main prints it and exits with exit_code_for(kind)).
using CommandRun = std::function<Result<int>()>;

// How a command uses memory: one that loads a whole campaign, works and exits
// runs with large pages (ugc/core/heap.hpp); the others keep the default.
enum class HeapUse { default_pages, whole_campaign };

struct CommandSpec {
  const char* name;
  const char* summary;
  CommandRun (*define)(CLI::App& sub, std::shared_ptr<Clock> clock);
  HeapUse heap = HeapUse::default_pages;
};

const std::vector<CommandSpec>& command_table();

// One function per command, defined in src/cli/cmd_<name>.cpp.
CommandRun define_validate(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_lint(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_expand(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_plan(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_apply(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_show(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_reconcile(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_state(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_status(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_refresh(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_import(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_runs(CLI::App& sub, std::shared_ptr<Clock> clock);
// `ugc webhooks serve` here, the endpoint commands below (cmd_webhooks.cpp).
CommandRun define_webhooks(CLI::App& sub, std::shared_ptr<Clock> clock);
// `ugc events list [--pending]` (cmd_events.cpp).
CommandRun define_events(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_sim(CLI::App& sub, std::shared_ptr<Clock> clock);
// `ugc analytics FILE --by ...` and `ugc analytics pull FILE` (cmd_analytics.cpp).
CommandRun define_analytics(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_init(CLI::App& sub, std::shared_ptr<Clock> clock);
CommandRun define_schema(CLI::App& sub, std::shared_ptr<Clock> clock);

// `ugc webhooks register|list|test|delete|deliveries` (cmd_webhook_endpoints.cpp),
// added under the `webhooks` command; the returned run carries out whichever of
// them was parsed.
CommandRun define_webhook_endpoint_commands(CLI::App& webhooks, std::shared_ptr<Clock> clock);

}  // namespace ugc::cli
