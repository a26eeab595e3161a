#include "ugc/plan/render.hpp"

#include "renderers.hpp"

namespace ugc::plan {

std::optional<RenderFormat> parse_render_format(std::string_view text) {
  if (text == "text") return RenderFormat::text;
  if (text == "json") return RenderFormat::json;
  if (text == "markdown") return RenderFormat::markdown;
  return std::nullopt;
}

void spill(std::string& pending, ByteSink& out) {
  constexpr std::size_t kSpillBytes = 64 * 1024;
  if (pending.size() < kSpillBytes) return;
  out.write(pending);
  pending.clear();
}

std::string PlanRenderer::render(const Plan& plan) const {
  std::string out;
  StringSink sink(out);
  write(plan, sink);
  return out;
}

std::unique_ptr<PlanRenderer> make_renderer(RenderFormat format, bool color) {
  RenderOptions options;
  options.color = color;
  return make_renderer(format, options);
}

std::unique_ptr<PlanRenderer> make_renderer(RenderFormat format, const RenderOptions& options) {
  switch (format) {
    case RenderFormat::json: return make_json_renderer();
    case RenderFormat::markdown: return make_markdown_renderer(options);
    case RenderFormat::text: break;
  }
  return make_text_renderer(options);
}

}  // namespace ugc::plan
