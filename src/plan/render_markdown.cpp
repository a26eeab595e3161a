// The markdown rendering of a plan, for a pull-request comment: a one-line
// summary, then one collapsible <details> block per group (blocked changes
// open by default, since someone must act on them).
#include "render_groups.hpp"
#include "renderers.hpp"

namespace ugc::plan {
namespace {

// Inline code that survives any caption: backticks in the text would end the span.
std::string code(const std::string& text) {
  std::string clean;
  for (char c : text) clean += c == '`' ? '\'' : c;
  return "`" + clean + "`";
}

std::string value(const std::optional<std::string>& v) { return v ? code(*v) : "_(none)_"; }

void change_lines(std::string& out, const std::vector<FieldChange>& changes) {
  for (const auto& c : changes) out += "  - " + c.field + ": " + value(c.before) + " → " + value(c.after) + "\n";
}

class MarkdownRenderer : public PlanRenderer {
 public:
  std::string render(const Plan& plan) const override {
    std::string out = "### ugc plan: " + code(plan.campaign) + "\n\n";
    if (!plan.has_changes()) {
      out += "**No changes.** TokPortal matches " + code(plan.campaign_file) + ".\n";
    } else {
      out += "**" + totals_line(plan.totals) + "**\n";
    }
    out += "\n_today " + plan.today.str() + " (" + to_string(plan.today_source) + "), state serial " +
           std::to_string(plan.state_serial) + "_\n";
    if (!plan.blocked.empty()) {
      out += "\n<details open>\n<summary>! Blocked: " + std::to_string(plan.blocked.size()) +
             " change(s) the API cannot make</summary>\n\n";
      for (const auto& b : plan.blocked) {
        out += "- **" + code(b.target) + "**: " + b.reason + "\n";
        change_lines(out, b.changes);
        out += "  - what you can do: " + b.remedy + "\n";
      }
      out += "\n</details>\n";
    }
    for (const auto& g : group_actions(plan)) {
      out += "\n<details>\n<summary>" + g.symbol + " " + g.title + ": " + std::to_string(g.actions.size()) +
             " action(s)</summary>\n\n";
      for (const Action* a : g.actions) {
        out += "- " + code(a->id) + " — " + a->reason + " (" + std::to_string(a->credits) + " credits, " +
               std::to_string(a->request_count()) + " request(s))\n";
        change_lines(out, a->changes);
      }
      out += "\n</details>\n";
    }
    if (!plan.date_shifts.empty()) {
      out += "\n<details>\n<summary>Dates moved forward: " + std::to_string(plan.date_shifts.size()) +
             "</summary>\n\n";
      for (const auto& s : plan.date_shifts)
        out += "- " + code(s.slot_ref) + ": " + s.requested + " → " + s.planned + " (" + s.how + ")\n";
      out += "\n</details>\n";
    }
    if (!plan.notes.empty()) {
      out += "\n<details>\n<summary>Notes: " + std::to_string(plan.notes.size()) + "</summary>\n\n";
      for (const auto& n : plan.notes) out += "- " + code(n.target) + ": " + n.text + "\n";
      out += "\n</details>\n";
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<PlanRenderer> make_markdown_renderer() { return std::make_unique<MarkdownRenderer>(); }

}  // namespace ugc::plan
