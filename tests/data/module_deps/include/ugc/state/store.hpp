#pragma once
#include "ugc/core/error.hpp"
