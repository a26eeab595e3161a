#pragma once
// Terraform users type long flags with one dash: `-auto-approve`, `-out=F`,
// `-lock-timeout=30s`, `-target REF`. CLI11 would read `-out` as `-o ut`. So,
// before parsing, a token `-NAME` or `-NAME=VALUE` whose NAME is a long option
// of some ugc command (or of ugc itself) becomes `--NAME...`. Values are never
// rewritten: not the token after an option that takes a value, not a token
// after `--`, not an unknown name (`-5`, `-vv` stay as they are).
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace ugc::cli {

// `args` without the program name; returns them with single-dash long flags doubled.
std::vector<std::string> double_dash_long_flags(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace ugc::cli
