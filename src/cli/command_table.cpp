#include "ugc/cli/command.hpp"

namespace ugc::cli {

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> table = {
      {"validate", "Check campaign files for errors (schema, semantics, API limits)", define_validate},
      {"lint", "Check campaign files for errors and warnings (style, rights, captions)", define_lint},
      {"expand", "Show the bundles, accounts and video slots a campaign file means", define_expand},
      {"plan", "Show what apply would create, change or publish, and what it costs", define_plan},
      {"apply", "Carry out a plan against the TokPortal API", define_apply},
      {"state", "Inspect and edit the local state store", define_state},
      {"webhooks", "Receive webhook deliveries (serve); manage endpoints and deliveries", define_webhooks},
      {"events", "List recorded webhook events and those not yet forwarded (--pending)", define_events},
      {"sim", "Run a local simulator of the TokPortal API", define_sim},
  };
  return table;
}

}  // namespace ugc::cli
