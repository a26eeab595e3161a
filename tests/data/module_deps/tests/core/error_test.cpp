// Forbidden: a core test reaching into state (angle brackets count too).
#include <ugc/core/error.hpp>
#include <ugc/state/store.hpp>
