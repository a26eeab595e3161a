#pragma once
// The one JSON type of ugc.
#include <nlohmann/json.hpp>

namespace ugc {
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;  // for output whose key order is part of the format
}  // namespace ugc
