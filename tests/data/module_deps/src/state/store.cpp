// Forbidden: state is upstream of plan.
#include "ugc/state/store.hpp"

#include "ugc/plan/diff.hpp"
