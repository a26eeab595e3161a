// The terminal rendering of a plan: grouped by what changes, one line per
// action with its cost, field changes beneath (captions as word diffs), then
// the captions to review, video by video with every market's row together.
#include "renderers.hpp"

#include "render_groups.hpp"
#include "ugc/plan/word_diff.hpp"

namespace ugc::plan {
namespace {

struct Colors {
  bool on = false;
  std::string wrap(const char* code, const std::string& text) const {
    return on ? std::string(code) + text + "\x1b[0m" : text;
  }
  std::string of_symbol(const std::string& symbol, const std::string& text) const {
    if (symbol == "+") return wrap("\x1b[32m", text);
    if (symbol == "~") return wrap("\x1b[33m", text);
    if (symbol == "->") return wrap("\x1b[36m", text);
    return wrap("\x1b[31m", text);  // "-" and "!"
  }
  std::string bold(const std::string& text) const { return wrap("\x1b[1m", text); }
  std::string dim(const std::string& text) const { return wrap("\x1b[2m", text); }
};

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

void render_change(std::string& out, const FieldChange& c, const Colors& colors) {
  out += "        " + c.field + ": ";
  if (is_caption_change(c)) {
    out += format_word_diff(word_diff(*c.before, *c.after), colors.on) + "\n";
  } else {
    out += shown(c.before) + " -> " + shown(c.after) + "\n";
  }
}

// "tiktok 2027-03-01, instagram 2027-03-03"
std::string text_posts_line(const std::vector<CaptionPost>& posts) {
  std::string out;
  for (const auto& p : posts) out += (out.empty() ? "" : ", ") + p.platform + " " + p.date;
  return out;
}

// A caption on one line: its line breaks shown as the two characters \n.
std::string text_one_line(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

class TextRenderer : public PlanRenderer {
 public:
  explicit TextRenderer(const RenderOptions& options) : options_(options) { colors_.on = options.color; }

  void write(const Plan& plan, ByteSink& sink) const override {
    std::string out = colors_.bold("ugc plan: campaign " + plan.campaign) + " (" + plan.campaign_file + ")\n";
    out += colors_.dim("today " + plan.today.str() + " (" + to_string(plan.today_source) + "), state serial " +
                       std::to_string(plan.state_serial)) +
           "\n\n";
    if (!plan.has_changes()) {
      out += "No changes. TokPortal matches the campaign file.\n";
    }
    for (const auto& g : group_actions(plan)) {
      out += colors_.of_symbol(g.symbol, g.title + " (" + std::to_string(g.actions.size()) + ")") + "\n";
      for (const Action* a : g.actions) {
        render_action(out, g.symbol, *a);
        spill(out, sink);
      }
      out += "\n";
    }
    if (!plan.blocked.empty()) {
      out += colors_.of_symbol("!", "Blocked (" + std::to_string(plan.blocked.size()) + "): the API cannot make these") + "\n";
      for (const auto& b : plan.blocked) {
        out += "  " + colors_.of_symbol("!", "!") + " " + b.target + ": " + b.reason + "\n";
        for (const auto& c : b.changes) render_change(out, c, colors_);
        out += "        what you can do: " + b.remedy + "\n";
      }
      out += "\n";
    }
    render_captions(out, plan, sink);
    if (!plan.date_shifts.empty()) {
      out += colors_.bold("Dates moved forward (lead time from " + plan.today.str() + ")") + "\n";
      for (const auto& s : plan.date_shifts)
      {
        out += "  " + s.slot_ref + ": " + s.requested + " -> " + s.planned + " (at least " +
               plural(s.min_days_ahead, "day") + " ahead; " + s.how + ")\n";
        spill(out, sink);
      }
      out += "\n";
    }
    if (!plan.notes.empty()) {
      out += colors_.bold("Notes") + "\n";
      for (const auto& n : plan.notes) out += "  " + n.target + ": " + n.text + "\n";
      out += "\n";
    }
    out += colors_.bold("Plan: ") + totals_line(plan.totals) + ".\n";
    sink.write(out);
  }

 private:
  void render_captions(std::string& out, const Plan& plan, ByteSink& sink) const {
    CaptionReview own;
    if (!options_.captions) own = review_captions(plan);
    const CaptionReview& review = options_.captions ? *options_.captions : own;
    if (review.empty()) return;
    out += colors_.bold("Captions to review (" + caption_review_line(review) + ")") + "\n";
    for (const auto& v : review.videos) {
      out += "  " + colors_.bold(v.video) + "\n";
      for (const auto& l : v.localizations) {
        out += "    " + l.market + (l.language.empty() ? "" : " " + l.language) + "  " + text_posts_line(l.posts) + "\n";
        if (l.before)
          out += "      " + colors_.of_symbol("~", "~") + " " +
                 format_word_diff(word_diff(text_one_line(*l.before), text_one_line(l.caption)), colors_.on) + "\n";
        else
          out += "      " + colors_.of_symbol("+", "+") + " " + text_one_line(l.caption) + "\n";
        render_findings(out, l.findings, "      ");
      }
      render_findings(out, v.findings, "    ");
      spill(out, sink);
    }
    out += "\n";
  }

  void render_findings(std::string& out, const std::vector<CaptionFinding>& findings, const char* indent) const {
    for (const auto& f : findings) {
      const std::string mark = f.severity + "[" + f.rule + "]";
      out += indent + colors_.wrap(f.severity == "error" ? "\x1b[31m" : "\x1b[33m", "! " + mark) + ": " + f.message +
             "\n";
    }
  }

  void render_action(std::string& out, const std::string& symbol, const Action& a) const {
    std::string cost = plural(a.request_count(), "request");
    if (a.credits > 0) cost = std::to_string(a.credits) + " credits, " + cost;
    out += "  " + colors_.of_symbol(symbol, symbol) + " " + a.id + "  " + colors_.dim("[" + cost + "]") + "\n";
    out += "      " + a.reason + "\n";
    for (const auto& c : a.changes) render_change(out, c, colors_);
  }

  RenderOptions options_;
  Colors colors_;
};

}  // namespace

std::unique_ptr<PlanRenderer> make_text_renderer(const RenderOptions& options) {
  return std::make_unique<TextRenderer>(options);
}

}  // namespace ugc::plan
