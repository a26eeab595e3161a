#pragma once
// YamlShape: how big and how deep a campaign file's YAML is, read from
// yaml-cpp's event parser before any node tree is built. The scan stops at the
// first input limit that trips (more than kMaxNodes values, nesting deeper than
// kMaxNestingDepth, a second document), so a hostile or runaway file costs
// about the limit in time and memory, not its size: a 16 MiB flat list stops
// after kMaxNodes + 1 values instead of building millions of nodes.
// Values are counted as written (an alias is one value); what aliases expand to
// is bounded later, on the tree. Never throws.
#include <cstddef>
#include <optional>
#include <string>

namespace ugc::manifest {

enum class ShapeLimit { none, too_many_nodes, too_deep };

struct YamlShape {
  std::size_t documents = 0;  // documents started; the scan stops at the start of a second one
  std::size_t nodes = 0;      // values read: scalars, nulls, aliases, lists, maps (at most kMaxNodes + 1)
  int max_depth = 0;          // deepest nesting read (the top value is at depth 0)
  std::size_t aliases = 0;
  ShapeLimit tripped = ShapeLimit::none;
  // 1-based; where the limit tripped, or where the second document starts.
  int line = 0;
  int column = 0;
  // Set when the text is not YAML before any limit trips (yaml-cpp's message, 1-based position).
  std::optional<std::string> syntax_error;
};

YamlShape scan_yaml_shape(const std::string& text);

// Whether yaml-cpp may build the tree of `text` without the event scan first
// (the scan is half the cost of reading a large file). True when the text, read
// as characters only, cannot hold more than kMaxUnscannedNodes values as written
// and no second document. Each value but the top one is introduced by one of
// `: , { ?` (at most a key and its value) or `[ -` (one), so their weighted
// count bounds the values; a second document needs a line starting `---` or
// `...` after content, or a root that is not a block map at column 0 (the
// caller checks).
// The tree is then measured against kMaxNodes; a refused file takes the
// scanned path, whose messages say where a limit trips.
bool may_skip_shape_scan(const std::string& text);

}  // namespace ugc::manifest
