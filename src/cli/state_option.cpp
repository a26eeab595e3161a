#include "ugc/cli/state_option.hpp"

namespace ugc::cli {

CLI::Option* add_state_option(CLI::App& command, std::string& state, const std::string& what) {
  return command
      .add_option("--state", state,
                  what + ": an SQLite file, or postgres://[user@]host/db for a shared PostgreSQL state "
                         "(credentials from PGPASSWORD, ~/.pgpass or PGSERVICE)")
      ->envname("UGC_STATE")
      ->capture_default_str();
}

}  // namespace ugc::cli
