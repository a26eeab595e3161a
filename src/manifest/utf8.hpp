#pragma once
// Text checks made before YAML parsing (internal): valid UTF-8 and no control
// characters YAML forbids, each reported at its line and column.
#include <optional>
#include <string>

namespace ugc::manifest::detail {

struct TextProblem {
  int line = 1;
  int column = 1;
  std::string rule;  // "not-utf8" | "control-character"
  std::string message;
};

std::optional<TextProblem> find_invalid_text(const std::string& text);

}  // namespace ugc::manifest::detail
