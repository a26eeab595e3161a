// Allowed: another module's test helper when plan may use that module, and
// headers of libraries that are no module.
#include <spdlog/spdlog.h>

#include "state/state_fixture.hpp"
#include "ugc/plan/diff.hpp"
