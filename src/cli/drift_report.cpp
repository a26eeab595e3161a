#include "ugc/cli/drift_report.hpp"

#include <algorithm>

namespace ugc::cli {
namespace {

bool names(const plan::Action& a, const std::string& ref) {
  return std::find(a.targets.begin(), a.targets.end(), ref) != a.targets.end();
}

std::string changed_fields(const plan::Action& a) {
  std::string out;
  for (const auto& c : a.changes) {
    if (!out.empty()) out += ", ";
    out += c.field;
  }
  return out;
}

std::string remedy_for(const events::Drift& d, const plan::Plan& plan) {
  std::string out;
  for (const auto& a : plan.actions) {
    if (!names(a, d.ref)) continue;
    if (!out.empty()) out += "; ";
    out += a.id;
    const std::string fields = changed_fields(a);
    if (!fields.empty()) out += " (" + fields + ")";
  }
  for (const auto& b : plan.blocked)
    if (b.target == d.ref) out += (out.empty() ? "" : "; ") + std::string("blocked: ") + b.reason;
  if (!out.empty()) return out;
  if (d.field == "bundle")
    return d.observed.empty() ? "nothing: the bundle is gone at TokPortal (check it before `ugc state rm`)"
                              : "`ugc import` adopts it; without that the plan would buy another";
  if (d.field == "slot") return "nothing: not in the file or not in the state";
  return "nothing: the file asks for no change";
}

}  // namespace

void attach_remedies(events::RefreshReport& report, const plan::Plan& plan) {
  for (auto& d : report.drift) d.remedy = remedy_for(d, plan);
}

std::string render_drift_text(const events::RefreshReport& r) {
  std::string out;
  if (r.drift.empty()) {
    out += "No drift: TokPortal agrees with the state.\n";
  } else {
    out += "Drift (" + std::to_string(r.drift.size()) + "): TokPortal differs from the state\n";
    for (const auto& d : r.drift) {
      out += "  " + d.ref + "  " + d.field + ": \"" + d.before + "\" -> \"" + d.observed + "\"";
      if (!d.recorded) out += " (not recorded)";
      out += "\n";
      if (!d.remedy.empty()) out += "      apply: " + d.remedy + "\n";
    }
  }
  out += "Refresh: " + std::to_string(r.requests) + " API request(s); " + std::to_string(r.bundles_listed) +
         " bundle(s) listed, slots read for " + std::to_string(r.bundles_read) + ", skipped " +
         std::to_string(r.bundles_skipped) + " (counters unchanged); " + std::to_string(r.bans_seen) +
         " ban row(s), " + std::to_string(r.bans_recorded) + " new.\n\n";
  return out;
}

Json drift_json(const events::RefreshReport& report) { return events::to_json(report); }

}  // namespace ugc::cli
