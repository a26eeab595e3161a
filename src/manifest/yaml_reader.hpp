#pragma once
// YamlReader: the located, defensive walk under the campaign parser (internal to
// the manifest module). It loads text with hard limits (size, UTF-8, nesting,
// node count after alias expansion), turns yaml-cpp exceptions into
// diagnostics, and reads typed values from nodes, recording one Diagnostic per
// problem with file:line:column and what would be valid. yaml-cpp silently keeps
// duplicate map keys; map() finds them by comparing keys.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/manifest/diagnostic.hpp"
#include "ugc/manifest/yaml_shape.hpp"

namespace ugc::manifest::detail {

struct MapEntry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  // The single document in `text`, or nullopt after recording why not.
  std::optional<YAML::Node> load(const std::string& text);

  SourceLocation at(const YAML::Node& node) const;
  SourceLocation at_mark(const YAML::Mark& mark) const;
  void error(const SourceLocation& where, std::string rule, std::string message);
  void error(const YAML::Node& node, std::string rule, std::string message) {
    error(at(node), std::move(rule), std::move(message));
  }

  // Entries of a map in file order. Reports a non-map, non-string keys, duplicate
  // keys (the later one is dropped) and, when `known` is not empty, unknown keys
  // with the nearest known one (dropped too).
  std::optional<std::vector<MapEntry>> map(const YAML::Node& node, std::string_view what,
                                           const std::vector<std::string>& known = {});
  // Reports each key of `required` that `entries` lacks, at `node`.
  void require(const YAML::Node& node, std::string_view what, const std::vector<MapEntry>& entries,
               const std::vector<std::string>& required);

  std::optional<std::string> string(const YAML::Node& node, std::string_view what);
  std::optional<int> integer(const YAML::Node& node, std::string_view what, int min, int max);
  std::optional<CivilDate> date(const YAML::Node& node, std::string_view what);
  std::optional<std::vector<std::string>> string_list(const YAML::Node& node, std::string_view what);
  // The list's item nodes (for items that are maps).
  std::optional<std::vector<YAML::Node>> list(const YAML::Node& node, std::string_view what);

  const std::string& file() const { return file_; }

 private:
  bool refuse_shape(const YamlShape& shape, const std::string& text);

  std::string file_;
  std::vector<Diagnostic>& out_;
};

// "a map", "a list", "a string", "nothing" for messages.
const char* describe(const YAML::Node& node);

}  // namespace ugc::manifest::detail
