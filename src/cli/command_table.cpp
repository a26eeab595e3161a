#include "ugc/cli/command.hpp"

namespace ugc::cli {

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> table = {
      {"init", "Scaffold a commented campaign file, its schema, media/ and .gitignore", define_init},
      {"validate", "Check campaign files for errors (schema, semantics, API limits)", define_validate, HeapUse::whole_campaign},
      {"lint", "Check campaign files for errors and warnings (style, rights, captions)", define_lint, HeapUse::whole_campaign},
      {"expand", "Show the bundles, accounts and video slots a campaign file means", define_expand, HeapUse::whole_campaign},
      {"plan", "Show what apply would create, change or publish, and what it costs", define_plan, HeapUse::whole_campaign},
      {"apply", "Carry out a plan against the TokPortal API", define_apply},
      {"show", "Show a plan saved by `ugc plan --out` as text, JSON or markdown", define_show, HeapUse::whole_campaign},
      {"status", "Show bundles, accounts and videos per market as the lifecycle reported them", define_status},
      {"reconcile", "Plan and apply campaign files unattended, within guardrails (once or --every)", define_reconcile},
      {"state", "Inspect and edit the local state store", define_state},
      {"refresh", "Read TokPortal into the state and show drift (changes made outside ugc)", define_refresh},
      {"import", "Adopt bundles that already exist for the campaign's external_refs into the state", define_import},
      {"analytics", "Pull analytics of a campaign's accounts (pull) and compare them (--by market, creator, ...)",
       define_analytics},
      {"runs", "List past applies (time, who, campaign file and commit, credits, outcome); show one", define_runs},
      {"webhooks", "Receive webhook deliveries (serve); manage endpoints and deliveries", define_webhooks},
      {"events", "List recorded webhook events and those not yet forwarded (--pending)", define_events},
      {"sim", "Run a local simulator of the TokPortal API", define_sim},
      {"schema", "Print the JSON Schema of the campaign file or of the plan", define_schema},
  };
  return table;
}

}  // namespace ugc::cli
