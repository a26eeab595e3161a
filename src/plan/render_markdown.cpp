// The markdown rendering of a plan, for a pull-request comment: the figures
// first (credits, requests, actions, blocked changes, captions, lint), blocked
// changes open beneath them, then collapsible <details> blocks: the captions
// to review (one table per video, every market side by side), the actions by
// group, moved dates and notes. Under a size limit the figures, blocked
// changes and notes stay whole; captions and actions are cut, each list
// saying how much it leaves out and where the full plan is.
#include <algorithm>

#include "render_groups.hpp"
#include "renderers.hpp"
#include "ugc/plan/word_diff.hpp"

namespace ugc::plan {
namespace {

// Inline code that survives any caption: backticks in the text would end the span.
std::string code(const std::string& text) {
  std::string clean;
  for (char c : text) clean += c == '`' ? '\'' : c;
  return "`" + clean + "`";
}

// Inline code inside a table cell: a pipe would end the cell, a line break the row.
std::string cell_code(const std::string& text) {
  if (text.empty()) return "";
  std::string clean;
  for (char c : text) {
    if (c == '`') clean += '\'';
    else if (c == '|') clean += "\\|";
    else if (c == '\n') clean += "⏎";
    else if (c != '\r') clean += c;
  }
  return "`" + clean + "`";
}

// Plain prose (a lint message) inside a table cell.
std::string cell_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string value(const std::optional<std::string>& v) { return v ? code(*v) : "_(none)_"; }

void change_lines(std::string& out, const std::vector<FieldChange>& changes) {
  for (const auto& c : changes) out += "  - " + c.field + ": " + value(c.before) + " → " + value(c.after) + "\n";
}

// The new caption as code; for a change, removed words struck out and added ones underlined.
std::string caption_cell(const Localization& l) {
  if (!l.before) return cell_code(l.caption);
  std::string out;
  for (const auto& p : word_diff(*l.before, l.caption)) {
    if (!out.empty()) out += " ";
    if (p.op == WordDiffPiece::Op::removed) out += "<del>" + cell_code(p.text) + "</del>";
    else if (p.op == WordDiffPiece::Op::added) out += "<ins>" + cell_code(p.text) + "</ins>";
    else out += cell_code(p.text);
  }
  return out;
}

std::string finding_text(const CaptionFinding& f) {
  return std::string(f.severity == "error" ? "❌ " : "⚠️ ") + "`" + f.rule + "` " + cell_text(f.message);
}

std::string findings_cell(const std::vector<CaptionFinding>& findings) {
  std::string out;
  for (const auto& f : findings) out += (out.empty() ? "" : "<br>") + finding_text(f);
  return out;
}

std::string md_posts_cell(const std::vector<CaptionPost>& posts) {
  std::string out;
  for (const auto& p : posts) out += (out.empty() ? "" : "<br>") + p.date + " " + p.platform;
  return out;
}

std::string video_block(const VideoCaptions& v) {
  std::string out = "**" + code(v.video) + "**\n\n";
  for (const auto& f : v.findings) out += "- " + finding_text(f) + "\n";
  if (!v.findings.empty()) out += "\n";
  out += "| market | language | date | caption | lint |\n|---|---|---|---|---|\n";
  for (const auto& l : v.localizations)
    out += "| " + l.market + (l.before ? " (changed)" : "") + " | " + l.language + " | " + md_posts_cell(l.posts) +
           " | " + caption_cell(l) + " | " + findings_cell(l.findings) + " |\n";
  return out + "\n";
}

// A <details> block whose items may be cut to fit.
struct Section {
  std::string head;  // "<details>...<summary>...</summary>\n\n"
  std::vector<std::string> items;
  std::string tail;         // "\n</details>\n"
  std::string unit;         // "videos", "actions", ...
  bool cuttable = true;     // false: kept whole (blocked changes, notes)
  std::size_t shown = 0;    // items written

  std::size_t full_size() const {
    std::size_t n = head.size() + tail.size();
    for (const auto& i : items) n += i.size();
    return n;
  }
};

std::string more_line(std::size_t left, const std::string& unit, const std::string& where) {
  return "\n_… " + std::to_string(left) + " more " + unit + " not shown here: " + where + "._\n";
}

std::string plural_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class MarkdownRenderer : public PlanRenderer {
 public:
  explicit MarkdownRenderer(const RenderOptions& options) : options_(options) {}

  std::string render(const Plan& plan) const override {
    CaptionReview own;
    if (!options_.captions) own = review_captions(plan);
    const CaptionReview& review = options_.captions ? *options_.captions : own;
    const std::string top = summary(plan, review);
    std::vector<Section> sections = build_sections(plan, review);
    fit(top, sections);
    std::string out = top;
    if (cut(sections)) out += "\n> [!NOTE]\n> This comment is shortened to fit a pull-request comment; " +
                              where_full_plan() + ".\n";
    for (const auto& s : sections) {
      out += s.head;
      for (std::size_t i = 0; i < s.shown; ++i) out += s.items[i];
      if (s.shown < s.items.size()) out += more_line(s.items.size() - s.shown, s.unit, where_full_plan());
      out += s.tail;
    }
    return out;
  }

 private:
  std::string where_full_plan() const {
    return options_.full_plan_at.empty() ? "the full plan is `ugc plan` of this campaign file"
                                         : "the full plan is at " + options_.full_plan_at;
  }

  static std::string summary(const Plan& plan, const CaptionReview& review) {
    std::string out = "### ugc plan: " + code(plan.campaign) + "\n\n";
    const Totals& t = plan.totals;
    out += "| credits | API requests | actions | blocked | captions to review | lint |\n"
           "|---:|---:|---:|---:|---:|---|\n";
    out += "| **" + std::to_string(t.credits) + "** | " + std::to_string(t.api_requests) + " | " +
           std::to_string(t.actions) + " | " + (t.blocked > 0 ? "**" + std::to_string(t.blocked) + "**" : "0") +
           " | " + std::to_string(review.new_captions + review.changed_captions) + " | " +
           (review.errors + review.warnings > 0
                ? plural_of(review.errors, "error", "errors") + ", " + plural_of(review.warnings, "warning", "warnings")
                : "none") +
           " |\n\n";
    if (!plan.has_changes()) {
      out += "**No changes.** TokPortal matches " + code(plan.campaign_file) + ".\n";
    } else {
      out += "**" + totals_line(plan.totals) + "**\n";
    }
    if (t.blocked > 0)
      out += "\n**! " + plural_of(static_cast<std::size_t>(t.blocked), "change is", "changes are") +
             " blocked: the API cannot make them (below).**\n";
    out += "\n_today " + plan.today.str() + " (" + to_string(plan.today_source) + "), state serial " +
           std::to_string(plan.state_serial) + "_\n";
    return out;
  }

  static std::vector<Section> build_sections(const Plan& plan, const CaptionReview& review) {
    std::vector<Section> out;
    if (!plan.blocked.empty()) {
      Section s{"\n<details open>\n<summary>! Blocked: " + std::to_string(plan.blocked.size()) +
                    " change(s) the API cannot make</summary>\n\n",
                {}, "\n</details>\n", "blocked changes", false};
      for (const auto& b : plan.blocked) {
        std::string item = "- **" + code(b.target) + "**: " + b.reason + "\n";
        change_lines(item, b.changes);
        s.items.push_back(item + "  - what you can do: " + b.remedy + "\n");
      }
      out.push_back(std::move(s));
    }
    if (!review.empty()) {
      Section s{"\n<details>\n<summary>Captions to review: " + caption_review_line(review) + "</summary>\n\n",
                {}, "</details>\n", "videos"};
      for (const auto& v : review.videos) s.items.push_back(video_block(v));
      out.push_back(std::move(s));
    }
    for (const auto& g : group_actions(plan)) {
      Section s{"\n<details>\n<summary>" + g.symbol + " " + g.title + ": " + std::to_string(g.actions.size()) +
                    " action(s)</summary>\n\n",
                {}, "\n</details>\n", "actions"};
      for (const Action* a : g.actions) {
        std::string item = "- " + code(a->id) + " — " + a->reason + " (" + std::to_string(a->credits) +
                           " credits, " + std::to_string(a->request_count()) + " request(s))\n";
        change_lines(item, a->changes);
        s.items.push_back(std::move(item));
      }
      out.push_back(std::move(s));
    }
    if (!plan.date_shifts.empty()) {
      Section s{"\n<details>\n<summary>Dates moved forward: " + std::to_string(plan.date_shifts.size()) +
                    "</summary>\n\n",
                {}, "\n</details>\n", "dates"};
      for (const auto& d : plan.date_shifts)
        s.items.push_back("- " + code(d.slot_ref) + ": " + d.requested + " → " + d.planned + " (" + d.how + ")\n");
      out.push_back(std::move(s));
    }
    if (!plan.notes.empty()) {
      Section s{"\n<details>\n<summary>Notes: " + std::to_string(plan.notes.size()) + "</summary>\n\n", {},
                "\n</details>\n", "notes", false};
      for (const auto& n : plan.notes) s.items.push_back("- " + code(n.target) + ": " + n.text + "\n");
      out.push_back(std::move(s));
    }
    return out;
  }

  // Decides how many items of each section fit: all when there is no limit
  // or everything fits; else uncuttable sections whole, then the cuttable
  // ones in order, each up to the first item that no longer fits.
  void fit(const std::string& top, std::vector<Section>& sections) const {
    std::size_t full = top.size();
    for (auto& s : sections) {
      s.shown = s.items.size();
      full += s.full_size();
    }
    if (options_.max_bytes == 0 || full <= options_.max_bytes) return;
    const std::string where = where_full_plan();
    std::size_t reserved = top.size() + 160 + where.size();  // the shortened-comment note
    for (const auto& s : sections) {
      reserved += s.head.size() + s.tail.size();
      if (s.cuttable) reserved += more_line(s.items.size(), s.unit, where).size();
      else reserved += s.full_size() - s.head.size() - s.tail.size();
    }
    std::size_t budget = options_.max_bytes > reserved ? options_.max_bytes - reserved : 0;
    for (auto& s : sections) {
      if (!s.cuttable) continue;
      s.shown = 0;
      while (s.shown < s.items.size() && s.items[s.shown].size() <= budget) budget -= s.items[s.shown++].size();
    }
  }

  static bool cut(const std::vector<Section>& sections) {
    return std::any_of(sections.begin(), sections.end(),
                       [](const Section& s) { return s.shown < s.items.size(); });
  }

  RenderOptions options_;
};

}  // namespace

std::unique_ptr<PlanRenderer> make_markdown_renderer(const RenderOptions& options) {
  return std::make_unique<MarkdownRenderer>(options);
}

}  // namespace ugc::plan
