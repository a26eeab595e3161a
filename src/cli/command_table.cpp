#include "ugc/cli/command.hpp"

namespace ugc::cli {

// `ugc webhooks`: a group of subcommands, each defined in its own file.
CommandRun define_webhooks(CLI::App& sub, std::shared_ptr<Clock> clock) {
  sub.require_subcommand(1);
  return define_webhook_endpoint_commands(sub, std::move(clock));
}

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> table = {
      {"validate", "Check campaign files for errors (schema, semantics, API limits)", define_validate},
      {"lint", "Check campaign files for errors and warnings (style, rights, captions)", define_lint},
      {"expand", "Show the bundles, accounts and video slots a campaign file means", define_expand},
      {"plan", "Show what apply would create, change or publish, and what it costs", define_plan},
      {"apply", "Carry out a plan against the TokPortal API", define_apply},
      {"state", "Inspect and edit the local state store", define_state},
      {"sim", "Run a local simulator of the TokPortal API", define_sim},
      {"webhooks", "Manage TokPortal webhook endpoints and their deliveries", define_webhooks},
  };
  return table;
}

}  // namespace ugc::cli
