#include "render_groups.hpp"

namespace ugc::plan {

std::vector<ActionGroup> group_actions(const Plan& plan) {
  std::vector<ActionGroup> groups{{"+", "Create", {}}, {"~", "Update", {}}, {"->", "Publish", {}}, {"-", "Unschedule", {}}};
  for (const auto& a : plan.actions)
    for (auto& g : groups)
      if (g.symbol == symbol_of(a.kind)) g.actions.push_back(&a);
  std::vector<ActionGroup> out;
  for (auto& g : groups)
    if (!g.actions.empty()) out.push_back(std::move(g));
  return out;
}

namespace {
std::string count(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

std::string totals_line(const Totals& t) {
  std::string out;
  auto add = [&](int n, const char* one, const char* many) {
    if (n == 0) return;
    out += (out.empty() ? "" : ", ") + count(n, one, many);
  };
  add(t.bundles_to_create, "bundle to create", "bundles to create");
  add(t.slots_to_buy, "slot to buy", "slots to buy");
  add(t.slots_to_configure, "slot to configure", "slots to configure");
  add(t.slots_to_patch, "slot to patch", "slots to patch");
  add(t.slots_to_unschedule, "slot to unschedule", "slots to unschedule");
  add(t.uploads, "upload", "uploads");
  out += (out.empty() ? "" : ", ") + count(t.credits, "credit", "credits") + ", " +
         count(t.api_requests, "API request", "API requests");
  if (t.blocked > 0) out += ", " + count(t.blocked, "blocked change", "blocked changes");
  return out;
}

std::string shown(const std::optional<std::string>& value) { return value ? *value : "(none)"; }

bool is_caption_change(const FieldChange& change) {
  const std::string suffix = "caption";
  return change.before && change.after && change.field.size() >= suffix.size() &&
         change.field.compare(change.field.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace ugc::plan
