// The markdown rendering of a plan, for a pull-request comment: the figures
// first (credits, requests, actions, blocked changes, captions, lint), blocked
// changes open beneath them, then collapsible <details> blocks: the captions
// to review (one table per video, every market side by side), the actions by
// group, moved dates and notes. Under a size limit the figures, blocked
// changes and notes stay whole; captions and actions are cut, each list
// saying how much it leaves out and where the full plan is.
#include <algorithm>
#include <functional>

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

// A <details> block whose items may be cut to fit. Items are made on demand:
// under a size limit only those measured or shown are made (a 20,000-slot
// plan's full lists are megabytes for a 64 KiB comment).
struct Section {
  std::string head;  // "<details>...<summary>...</summary>\n\n"
  std::size_t count = 0;
  std::function<std::string(std::size_t)> make;  // item i
  std::string tail;         // "\n</details>\n"
  std::string unit;         // "videos", "actions", ...
  bool cuttable = true;     // false: kept whole (blocked changes, notes)
  std::size_t shown = 0;    // items written
  std::vector<std::string> made = {};  // the first items, kept once measured

  const std::string& item(std::size_t i) {
    while (made.size() <= i) made.push_back(make(made.size()));
    return made[i];
  }
  // Item i to write: the kept one, else made now and not kept.
  std::string item_to_write(std::size_t i) const { return i < made.size() ? made[i] : make(i); }
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

  void write(const Plan& plan, ByteSink& sink) const override {
    CaptionReview own;
    if (!options_.captions) own = review_captions(plan);
    const CaptionReview& review = options_.captions ? *options_.captions : own;
    std::string out = summary(plan, review);
    const ActionGroups groups = group_actions(plan);
    std::vector<Section> sections = build_sections(plan, review, groups);
    fit(out, sections);
    if (cut(sections)) out += "\n> [!NOTE]\n> This comment is shortened to fit a pull-request comment; " +
                              where_full_plan() + ".\n";
    for (const auto& s : sections) {
      out += s.head;
      for (std::size_t i = 0; i < s.shown; ++i) {
        out += s.item_to_write(i);
        spill(out, sink);
      }
      if (s.shown < s.count) out += more_line(s.count - s.shown, s.unit, where_full_plan());
      out += s.tail;
    }
    sink.write(out);
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

  using ActionGroups = std::vector<ActionGroup>;

  // The sections in order; their items borrow plan, review and groups.
  static std::vector<Section> build_sections(const Plan& plan, const CaptionReview& review,
                                             const ActionGroups& groups) {
    std::vector<Section> out;
    if (!plan.blocked.empty()) {
      out.push_back(Section{"\n<details open>\n<summary>! Blocked: " + std::to_string(plan.blocked.size()) +
                                " change(s) the API cannot make</summary>\n\n",
                            plan.blocked.size(),
                            [&plan](std::size_t i) {
                              const Blocked& b = plan.blocked[i];
                              std::string item = "- **" + code(b.target) + "**: " + b.reason + "\n";
                              change_lines(item, b.changes);
                              return item + "  - what you can do: " + b.remedy + "\n";
                            },
                            "\n</details>\n", "blocked changes", false});
    }
    if (!review.empty()) {
      out.push_back(Section{"\n<details>\n<summary>Captions to review: " + caption_review_line(review) +
                                "</summary>\n\n",
                            review.videos.size(), [&review](std::size_t i) { return video_block(review.videos[i]); },
                            "</details>\n", "videos"});
    }
    for (const auto& g : groups) {
      out.push_back(Section{"\n<details>\n<summary>" + g.symbol + " " + g.title + ": " +
                                std::to_string(g.actions.size()) + " action(s)</summary>\n\n",
                            g.actions.size(),
                            [&g](std::size_t i) {
                              const Action* a = g.actions[i];
                              std::string item = "- " + code(a->id) + " — " + a->reason + " (" +
                                                 std::to_string(a->credits) + " credits, " +
                                                 std::to_string(a->request_count()) + " request(s))\n";
                              change_lines(item, a->changes);
                              return item;
                            },
                            "\n</details>\n", "actions"});
    }
    if (!plan.date_shifts.empty()) {
      out.push_back(Section{"\n<details>\n<summary>Dates moved forward: " + std::to_string(plan.date_shifts.size()) +
                                "</summary>\n\n",
                            plan.date_shifts.size(),
                            [&plan](std::size_t i) {
                              const DateShift& d = plan.date_shifts[i];
                              return "- " + code(d.slot_ref) + ": " + d.requested + " → " + d.planned + " (" + d.how +
                                     ")\n";
                            },
                            "\n</details>\n", "dates"});
    }
    if (!plan.notes.empty()) {
      out.push_back(Section{"\n<details>\n<summary>Notes: " + std::to_string(plan.notes.size()) + "</summary>\n\n",
                            plan.notes.size(),
                            [&plan](std::size_t i) {
                              const Note& n = plan.notes[i];
                              return "- " + code(n.target) + ": " + n.text + "\n";
                            },
                            "\n</details>\n", "notes", false});
    }
    return out;
  }

  // True when the whole comment is at most `limit` bytes; measures (and
  // keeps) items only until it knows.
  static bool fits_whole(const std::string& top, std::vector<Section>& sections, std::size_t limit) {
    std::size_t full = top.size();
    for (auto& s : sections) {
      full += s.head.size() + s.tail.size();
      for (std::size_t i = 0; i < s.count && full <= limit; ++i) full += s.item(i).size();
      if (full > limit) return false;
    }
    return true;
  }

  // Decides how many items of each section fit: all when there is no limit
  // or everything fits; else uncuttable sections whole, then the cuttable
  // ones in order, each up to the first item that no longer fits.
  void fit(const std::string& top, std::vector<Section>& sections) const {
    for (auto& s : sections) s.shown = s.count;
    if (options_.max_bytes == 0 || fits_whole(top, sections, options_.max_bytes)) return;
    const std::string where = where_full_plan();
    std::size_t reserved = top.size() + 160 + where.size();  // the shortened-comment note
    for (auto& s : sections) {
      reserved += s.head.size() + s.tail.size();
      if (s.cuttable) {
        reserved += more_line(s.count, s.unit, where).size();
      } else {
        for (std::size_t i = 0; i < s.count; ++i) reserved += s.item(i).size();
      }
    }
    std::size_t budget = options_.max_bytes > reserved ? options_.max_bytes - reserved : 0;
    for (auto& s : sections) {
      if (!s.cuttable) continue;
      s.shown = 0;
      while (s.shown < s.count && s.item(s.shown).size() <= budget) budget -= s.item(s.shown++).size();
    }
  }

  static bool cut(const std::vector<Section>& sections) {
    return std::any_of(sections.begin(), sections.end(),
                       [](const Section& s) { return s.shown < s.count; });
  }

  RenderOptions options_;
};

}  // namespace

std::unique_ptr<PlanRenderer> make_markdown_renderer(const RenderOptions& options) {
  return std::make_unique<MarkdownRenderer>(options);
}

}  // namespace ugc::plan
