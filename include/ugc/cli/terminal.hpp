#pragma once
// What the output stream is: colours only on a TTY and never with NO_COLOR set
// or after --no-color (a flag of every command, main.cpp).
#include <cstdio>
#include <string>

namespace ugc::cli {

bool is_terminal(std::FILE* stream);
bool use_color(std::FILE* stream);
// From now on use_color() is false for every stream (`--no-color`).
void disable_color();

// ANSI colour names used by renderers; each returns "" when colour is off.
struct Palette {
  bool on = false;
  std::string green() const { return on ? "\x1b[32m" : ""; }
  std::string yellow() const { return on ? "\x1b[33m" : ""; }
  std::string red() const { return on ? "\x1b[31m" : ""; }
  std::string cyan() const { return on ? "\x1b[36m" : ""; }
  std::string bold() const { return on ? "\x1b[1m" : ""; }
  std::string dim() const { return on ? "\x1b[2m" : ""; }
  std::string reset() const { return on ? "\x1b[0m" : ""; }
};

Palette palette_for(std::FILE* stream);

}  // namespace ugc::cli
