// ugc schema campaign|plan: print a JSON Schema compiled into the binary, for
// editors (yaml-language-server) and other tools.
#include <cstdio>
#include <memory>

#include "ugc/cli/command.hpp"
#include "ugc/cli/schemas.hpp"

namespace ugc::cli {
namespace {

struct SchemaFlags {
  std::string name;
};

std::vector<std::string> schema_names() {
  std::vector<std::string> names;
  for (const auto& s : embedded_schemas()) names.emplace_back(s.name);
  return names;
}

}  // namespace

CommandRun define_schema(CLI::App& sub, std::shared_ptr<Clock>) {
  auto flags = std::make_shared<SchemaFlags>();
  sub.add_option("name", flags->name,
                 "Which schema: campaign (the campaign YAML file) or plan (`ugc plan --format json`)")
      ->required()
      ->check(CLI::IsMember(schema_names()));
  sub.footer(
      "The schema is the one this binary validates against. For hover help and completion in editors, "
      "save it next to your campaign (`ugc schema campaign > campaign.schema.json`) and start the campaign "
      "file with:\n  # yaml-language-server: $schema=campaign.schema.json\n(`ugc init` writes both.)");
  return [flags]() -> Result<int> {
    const EmbeddedSchema* schema = find_embedded_schema(flags->name);
    if (schema == nullptr) return invalid_input("ugc schema: no schema '" + flags->name + "'");
    std::fwrite(schema->text.data(), 1, schema->text.size(), stdout);
    if (std::fflush(stdout) != 0) return io_error("ugc schema: cannot write the schema to standard output");
    return kExitOk;
  };
}

}  // namespace ugc::cli
