#pragma once
// The JSON Schemas of schemas/*.schema.json, compiled into the binary at build
// time (scripts/embed_schemas.cmake), for `ugc schema` and `ugc init`: the
// running binary always prints the schema it validates against, wherever it is
// installed.
#include <string_view>
#include <vector>

namespace ugc::cli {

struct EmbeddedSchema {
  std::string_view name;  // "campaign", "plan"
  std::string_view file;  // "schemas/campaign.schema.json"
  std::string_view text;  // the file's bytes
};

// Every schema, sorted by name.
const std::vector<EmbeddedSchema>& embedded_schemas();
// The schema called `name`, or nullptr.
const EmbeddedSchema* find_embedded_schema(std::string_view name);

}  // namespace ugc::cli
