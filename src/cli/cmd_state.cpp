#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_state(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc state is not built yet"); };
}

}  // namespace ugc::cli
