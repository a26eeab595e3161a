#include "ugc/cli/state_option.hpp"

#include <cstdlib>
#include <filesystem>

#include "ugc/cli/project_config.hpp"

namespace ugc::cli {

namespace {

// --state > UGC_STATE > the project config > the command's default.
Result<StateChoice> choose_state(bool flag_given, const std::string& value) {
  if (flag_given) return StateChoice{value, "--state", ""};
  if (const char* env = std::getenv("UGC_STATE"); env && *env) return StateChoice{env, "UGC_STATE", ""};
  auto config = find_project_config(std::filesystem::current_path());
  if (!config) return config.error();
  if (!*config) return StateChoice{value, "default", ""};
  if ((*config)->state.empty()) return StateChoice{value, "default", (*config)->path};
  return StateChoice{(*config)->state, (*config)->path + ":" + std::to_string((*config)->state_line),
                     (*config)->path};
}

}  // namespace

CLI::Option* add_state_option(CLI::App& command, std::string& state, const std::string& what, StateChoice* choice) {
  CLI::Option* option =
      command
          .add_option("--state", state,
                      what + ": an SQLite file, or postgres://[user@]host/db for a shared PostgreSQL state "
                             "(credentials from PGPASSWORD, ~/.pgpass or PGSERVICE). Without the flag: UGC_STATE, "
                             "else `state:` in the nearest " +
                          std::string(kProjectConfigName) + " (this directory or a parent), else the default")
          ->capture_default_str();
  command.final_callback([option, &state, choice] {
    auto chosen = choose_state(option->count() > 0, state);
    if (!chosen) throw StateChoiceError(chosen.error());
    state = chosen->location;
    if (choice) *choice = std::move(*chosen);
  });
  return option;
}

}  // namespace ugc::cli
