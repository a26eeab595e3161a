#include "yaml_reader.hpp"

#include <charconv>
#include <exception>

#include "ugc/manifest/limits.hpp"
#include "ugc/manifest/nearest_key.hpp"
#include "utf8.hpp"

namespace ugc::manifest::detail {
namespace {

struct WalkBudget {
  std::size_t nodes = 0;
  bool too_deep = false;
  bool too_many = false;
  YAML::Mark where;
};

// Counts nodes as a naive walker would see them (aliases expanded), stopping at
// the limits, so that a billion-laughs file costs at most kMaxNodes steps and a
// cyclic alias at most kMaxNestingDepth frames.
void measure(const YAML::Node& node, int depth, WalkBudget& budget) {
  if (budget.too_deep || budget.too_many) return;
  if (++budget.nodes > kMaxNodes) {
    budget.too_many = true;
    budget.where = node.Mark();
    return;
  }
  if (depth > kMaxNestingDepth) {
    budget.too_deep = true;
    budget.where = node.Mark();
    return;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) measure(item, depth + 1, budget);
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      measure(kv.first, depth + 1, budget);
      measure(kv.second, depth + 1, budget);
    }
  }
}

// The one document of a well-formed file in a single yaml-cpp pass, or nothing
// when anything is unusual (a syntax error, a limit, a root other than a block
// map at column 0, a possible second document): the scanned path then reports it exactly.
std::optional<YAML::Node> load_unscanned(const std::string& text) {
  if (!may_skip_shape_scan(text)) return std::nullopt;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  // After a block map at column 0 only `---`, `...` or an error can end the
  // document (an indented one ends at the first line less indented).
  if (!root.IsMap() || root.Style() != YAML::EmitterStyle::Block || root.Mark().column != 0) return std::nullopt;
  WalkBudget budget;
  measure(root, 0, budget);
  if (budget.too_deep || budget.too_many) return std::nullopt;
  return root;
}

// The 1-based column of the first tab in the indentation of 1-based `line`,
// if any: yaml-cpp's messages for tab-indented lines never mention the tab.
std::optional<int> tab_in_indentation(const std::string& text, int line) {
  std::size_t begin = 0;
  for (int l = 1; l < line && begin != std::string::npos; ++l) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos) return std::nullopt;
  for (std::size_t i = begin; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i)
    if (text[i] == '\t') return static_cast<int>(i - begin) + 1;
  return std::nullopt;
}

std::string shorten(const std::string& s) {
  if (s.size() <= 40) return s;
  return s.substr(0, 37) + "...";
}

}  // namespace

const char* describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "a scalar";
}

SourceLocation YamlReader::at_mark(const YAML::Mark& mark) const {
  SourceLocation loc{file_, 0, 0};
  if (!mark.is_null()) {
    loc.line = mark.line + 1;
    loc.column = mark.column + 1;
  }
  return loc;
}

SourceLocation YamlReader::at(const YAML::Node& node) const {
  try {
    return at_mark(node.Mark());
  } catch (const YAML::Exception&) {
    return SourceLocation{file_, 0, 0};
  }
}

void YamlReader::error(const SourceLocation& where, std::string rule, std::string message) {
  out_.push_back(Diagnostic{Severity::error, std::move(rule), std::move(message), where});
}

// Records why the file's shape is refused (syntax, a limit, a second
// document); false when it is not.
bool YamlReader::refuse_shape(const YamlShape& shape, const std::string& text) {
  if (shape.syntax_error) {
    SourceLocation where{file_, shape.line, shape.column};
    if (auto tab = tab_in_indentation(text, shape.line)) {
      error(SourceLocation{file_, shape.line, *tab}, "yaml-syntax",
            "tab character in indentation at " + std::to_string(shape.line) + ":" + std::to_string(*tab) +
                " (YAML indents with spaces; yaml-cpp says: " + *shape.syntax_error + ")");
    } else {
      error(where, "yaml-syntax", "not valid YAML: " + *shape.syntax_error);
    }
    return true;
  }
  if (shape.tripped == ShapeLimit::too_deep) {
    error(SourceLocation{file_, shape.line, shape.column}, "too-deep",
          "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels; a campaign file needs fewer than 10");
    return true;
  }
  if (shape.tripped == ShapeLimit::too_many_nodes) {
    error(SourceLocation{file_, shape.line, shape.column}, "too-many-nodes",
          "more than " + std::to_string(kMaxNodes) +
              " values (lists, maps, strings) in the file; a campaign needs far fewer: split it into several files");
    return true;
  }
  if (shape.documents > 1) {
    error(SourceLocation{file_, shape.line, shape.column}, "multiple-documents",
          "a campaign file holds one YAML document; a second one starts here (a `---`, or text after the end of "
          "the first)");
    return true;
  }
  return false;
}

std::optional<YAML::Node> YamlReader::load(const std::string& text) {
  SourceLocation start{file_, 1, 1};
  if (text.size() > kMaxFileBytes) {
    error(start, "file-too-large",
          "the file is " + std::to_string(text.size()) + " bytes; a campaign file may have at most " +
              std::to_string(kMaxFileBytes) + " bytes");
    return std::nullopt;
  }
  if (auto bad = find_invalid_text(text)) {
    error(SourceLocation{file_, bad->line, bad->column}, bad->rule, bad->message);
    return std::nullopt;
  }
  if (auto root = load_unscanned(text)) return root;
  auto shape = scan_yaml_shape(text);
  if (refuse_shape(shape, text)) return std::nullopt;
  YAML::Node root;
  if (shape.documents == 1) {
    try {
      root = YAML::Load(text);
    } catch (const std::exception& e) {  // the scan read the same text: not expected
      error(start, "yaml-syntax", std::string("cannot read the file as YAML: ") + e.what());
      return std::nullopt;
    }
  }
  if (shape.documents == 0 || !root.IsDefined() || root.IsNull()) {
    error(start, "empty-file",
          "the file is empty; a campaign is a map starting with `version: 1` and `campaign: <id>`");
    return std::nullopt;
  }
  if (shape.aliases == 0) return root;  // the scan counted every value already
  WalkBudget budget;
  measure(root, 0, budget);
  if (budget.too_deep) {
    error(at_mark(budget.where), "too-deep",
          "nesting deeper than " + std::to_string(kMaxNestingDepth) +
              " levels once aliases are expanded (a cyclic or runaway alias?); a campaign file needs fewer than 10");
    return std::nullopt;
  }
  if (budget.too_many) {
    error(at_mark(budget.where), "too-many-nodes",
          "more than " + std::to_string(kMaxNodes) +
              " values once aliases are expanded (an alias bomb?); write the values out or split the campaign");
    return std::nullopt;
  }
  return root;
}

std::optional<std::vector<MapEntry>> YamlReader::map(const YAML::Node& node, std::string_view what,
                                                     const std::vector<std::string>& known) {
  if (!node.IsMap()) {
    error(node, "wrong-type", std::string(what) + " must be a map, found " + describe(node));
    return std::nullopt;
  }
  std::vector<MapEntry> entries;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      error(kv.first, "wrong-type", std::string("keys of ") + std::string(what) + " must be plain words, found " +
                                        describe(kv.first));
      continue;
    }
    const std::string& key = kv.first.Scalar();
    bool duplicate = false;
    for (const auto& e : entries) {
      if (e.key == key) {
        auto first = at(e.key_node);
        error(kv.first, "duplicate-key",
              "key '" + shorten(key) + "' appears twice in " + std::string(what) + " (first at line " +
                  std::to_string(first.line) + "); keep one");
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    if (!known.empty()) {
      bool ok = false;
      for (const auto& k : known) ok = ok || k == key;
      if (!ok) {
        std::string msg = "unknown key '" + shorten(key) + "' in " + std::string(what);
        if (auto near = nearest_key(key, known))
          msg += "; did you mean '" + *near + "'?";
        else
          msg += "; expected one of: " + join_list(known);
        error(kv.first, "unknown-key", msg);
        continue;
      }
    }
    entries.push_back(MapEntry{key, kv.first, kv.second});
  }
  return entries;
}

void YamlReader::require(const YAML::Node& node, std::string_view what, const std::vector<MapEntry>& entries,
                         const std::vector<std::string>& required) {
  for (const auto& r : required) {
    bool found = false;
    for (const auto& e : entries) found = found || e.key == r;
    if (!found) error(node, "missing-key", std::string(what) + " needs the key '" + r + "'");
  }
}

std::optional<std::string> YamlReader::string(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    error(node, "wrong-type", std::string(what) + " must be a string, found " + describe(node));
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  if (s.size() > kMaxScalarBytes) {
    error(node, "value-too-long",
          std::string(what) + " is " + std::to_string(s.size()) + " bytes long; values are limited to " +
              std::to_string(kMaxScalarBytes) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<int> YamlReader::integer(const YAML::Node& node, std::string_view what, int min, int max) {
  auto text = string(node, what);
  if (!text) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    error(node, "bad-number", std::string(what) + " must be a whole number, found '" + shorten(*text) + "'");
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(node, "out-of-range",
          std::string(what) + " is " + std::to_string(value) + "; it must be between " + std::to_string(min) +
              " and " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<CivilDate> YamlReader::date(const YAML::Node& node, std::string_view what) {
  auto text = string(node, what);
  if (!text) return std::nullopt;
  auto parsed = CivilDate::parse(*text);
  if (!parsed) {
    error(node, "bad-date",
          std::string(what) + ": '" + shorten(*text) + "' is not a calendar date; expected YYYY-MM-DD, e.g. 2027-03-01");
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::vector<YAML::Node>> YamlReader::list(const YAML::Node& node, std::string_view what) {
  if (!node.IsSequence()) {
    error(node, "wrong-type", std::string(what) + " must be a list, found " + describe(node));
    return std::nullopt;
  }
  std::vector<YAML::Node> items;
  for (const auto& item : node) items.push_back(item);
  return items;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const YAML::Node& node, std::string_view what) {
  auto items = list(node, what);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : *items) {
    auto s = string(item, std::string("an item of ") + std::string(what));
    if (s)
      out.push_back(*s);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace ugc::manifest::detail
