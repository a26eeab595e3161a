#pragma once
// Plan renderers behind one interface: text (grouped, optionally coloured,
// word diffs for long captions), JSON (plan_json.hpp, checksummed) and
// markdown (a collapsible <details> block for a pull-request comment). All
// output is deterministic for a given plan.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ugc/plan/plan.hpp"

namespace ugc::plan {

enum class RenderFormat { text, json, markdown };
std::optional<RenderFormat> parse_render_format(std::string_view text);

class PlanRenderer {
 public:
  virtual ~PlanRenderer() = default;
  virtual std::string render(const Plan& plan) const = 0;
};

// `color` only matters for text (ANSI colours; the caller decides TTY/NO_COLOR).
std::unique_ptr<PlanRenderer> make_renderer(RenderFormat format, bool color);

}  // namespace ugc::plan
