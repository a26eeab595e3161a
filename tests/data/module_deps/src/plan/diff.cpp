// Allowed: plan's own header, a direct dependency and a transitive one.
#include "ugc/plan/diff.hpp"
#include "ugc/state/store.hpp"
#include "ugc/core/error.hpp"
// Forbidden: a relative path hides which module it reaches.
#include "../state/sqlite_db.hpp"
