#pragma once
// The seed campaigns the expand tests run on.
#include <string>

namespace ugc::expand::testing {

inline const std::string kWave1 = std::string(UGC_SOURCE_DIR) + "/campaigns/ugc-wave-1.yaml";

}  // namespace ugc::expand::testing
