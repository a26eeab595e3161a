#include "ugc/cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>

namespace ugc::cli {
namespace {
bool g_color_disabled = false;  // --no-color, set once by main before any command runs
}  // namespace

void disable_color() { g_color_disabled = true; }

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool use_color(std::FILE* stream) {
  if (g_color_disabled) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return is_terminal(stream);
}

Palette palette_for(std::FILE* stream) { return Palette{use_color(stream)}; }

}  // namespace ugc::cli
