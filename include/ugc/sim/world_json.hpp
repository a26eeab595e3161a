#pragma once
// World <-> JSON, for persistence (StateStore). Token buckets and the request
// log are runtime-only and not included. Round-trip is lossless for all other
// fields, including the id/fault RNG states (so ids stay unique after restart).
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

Json world_to_json(const World& world);
// Replaces the world's persisted parts with the document's content.
Status world_from_json(World& world, const Json& doc);

}  // namespace ugc::sim
