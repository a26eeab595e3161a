#pragma once
// `ugc state migrate --to STATE` and `ugc state pull -o FILE`
// (cmd_state_copy.cpp), added under the `state` command: copy the whole state
// into another backend and verify the copy (ugc/state/state_copy.hpp). The
// returned run carries out whichever of the two was parsed.
#include <memory>

#include "ugc/cli/command.hpp"

namespace ugc::cli {

struct StateCopyCommands {
  CLI::App* migrate = nullptr;
  CLI::App* pull = nullptr;
  CommandRun run;
  bool parsed() const { return migrate->parsed() || pull->parsed(); }
};

StateCopyCommands define_state_copy_commands(CLI::App& state, std::shared_ptr<Clock> clock);

}  // namespace ugc::cli
