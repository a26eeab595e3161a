#include "ugc/cli/command.hpp"

namespace ugc::cli {

CommandRun define_expand(CLI::App& sub) {
  (void)sub;
  return []() -> Result<int> { return Error(ErrorKind::fatal, "ugc expand is not built yet"); };
}

}  // namespace ugc::cli
