#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_sim(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc sim is not built yet"); };
}

}  // namespace ugc::cli
