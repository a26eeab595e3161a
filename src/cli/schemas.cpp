// find_embedded_schema(); embedded_schemas() itself is generated at build time
// (scripts/embed_schemas.cmake).
#include "ugc/cli/schemas.hpp"

namespace ugc::cli {

const EmbeddedSchema* find_embedded_schema(std::string_view name) {
  for (const auto& s : embedded_schemas())
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace ugc::cli
