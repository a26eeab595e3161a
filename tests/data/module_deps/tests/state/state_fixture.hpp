#pragma once
#include "ugc/state/store.hpp"
