#pragma once
// Plan renderers behind one interface: text (grouped, optionally coloured,
// word diffs for long captions), JSON (plan_json.hpp, checksummed) and
// markdown (a pull-request comment: the figures first, blocked changes open,
// details in collapsible <details> blocks, shortened to fit a size limit).
// Text and markdown show the captions to review (caption_review.hpp). All
// output is deterministic for a given plan and options.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ugc/core/byte_sink.hpp"
#include "ugc/plan/caption_review.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

enum class RenderFormat { text, json, markdown };
std::optional<RenderFormat> parse_render_format(std::string_view text);

class PlanRenderer {
 public:
  virtual ~PlanRenderer() = default;
  // Writes the rendering into `out` as it is produced (a large plan is not
  // held as one string first).
  virtual void write(const Plan& plan, ByteSink& out) const = 0;
  // The same bytes as one string.
  std::string render(const Plan& plan) const;
};

// GitHub refuses a comment longer than 65,536 characters.
inline constexpr std::size_t kGitHubCommentLimit = 65536;

struct RenderOptions {
  bool color = false;  // text only: ANSI colours (the caller decides TTY/NO_COLOR)
  // The captions to show; null: review_captions(plan), without languages or lint.
  const CaptionReview* captions = nullptr;
  // Markdown only: the most bytes to write (bytes >= characters, so it holds
  // for GitHub's character limit too); 0: no limit. Over it, the figures,
  // blocked changes and notes stay whole and the longest lists are cut, each
  // saying how many items it leaves out and where the full plan is.
  std::size_t max_bytes = 0;
  std::string full_plan_at;  // markdown: where the full plan is (a path or URL), said when shortened
};

// `color` only matters for text (ANSI colours; the caller decides TTY/NO_COLOR).
std::unique_ptr<PlanRenderer> make_renderer(RenderFormat format, bool color);
std::unique_ptr<PlanRenderer> make_renderer(RenderFormat format, const RenderOptions& options);

}  // namespace ugc::plan
