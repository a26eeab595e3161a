#pragma once
// Factories of the three renderers (render.hpp holds the interface). Private to module plan.
#include <memory>
#include <string>

#include "ugc/plan/render.hpp"

namespace ugc::plan {

std::unique_ptr<PlanRenderer> make_text_renderer(const RenderOptions& options);
std::unique_ptr<PlanRenderer> make_json_renderer();
std::unique_ptr<PlanRenderer> make_markdown_renderer(const RenderOptions& options);

// Renderers build their text in pieces; this hands the pending piece to `out`
// once it is big enough, so the whole rendering is never one string.
void spill(std::string& pending, ByteSink& out);

}  // namespace ugc::plan
