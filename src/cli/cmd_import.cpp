// ugc import FILE: adopt bundles that already exist at TokPortal for the
// campaign's external_refs into the state (creating it if needed), so the
// next plan does not buy them again (events::import_bundles, docs/refresh.md).
#include <cstdio>
#include <map>
#include <memory>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/online_state.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/core/log.hpp"
#include "ugc/events/bundle_import.hpp"

namespace ugc::cli {
namespace {

constexpr const char* kImportHelp =
    "Lists GET /bundles once, then for each adopted bundle reads its account (when configured) and its slots. "
    "A ref with exactly one bundle is adopted (an open one wins over cancelled or completed ones); a ref with "
    "several candidates is reported and left out, never guessed. Refs the state already knows are left alone. "
    "Exit codes: 0 imported (or nothing to import); 1 error (bad input, lock held, API error: nothing "
    "recorded); 3 partial: some refs were ambiguous and left out, the others were adopted.";

struct ImportFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  std::string format = "text";
  std::vector<std::string> media_roots;
  OnlineFlags online;
};

// The same key the plan uses for media (plan/resource_index.cpp).
std::string media_key_of(const expand::DesiredResources& desired, const std::string& id) {
  for (const auto& m : desired.media)
    if (m.id == id) return !m.sha256.empty() ? m.sha256 : !m.url.empty() ? m.url : m.id;
  return "";
}

events::ImportRequest import_request_of(const expand::DesiredResources& desired) {
  events::ImportRequest request;
  request.campaign = desired.campaign;
  std::map<std::string, std::size_t> at;
  for (const auto& b : desired.bundles) {
    at[b.external_ref] = request.bundles.size();
    request.bundles.push_back({b.external_ref, b.market, manifest::to_string(b.platform), b.index,
                               b.account.profile_picture_media.empty()
                                   ? std::string()
                                   : media_key_of(desired, b.account.profile_picture_media),
                               {},
                               b.account.username});
  }
  for (const auto& s : desired.slots) {
    auto it = at.find(s.bundle_ref);
    if (it == at.end()) continue;
    request.bundles[it->second].slots.push_back({s.external_ref, s.video_id, media_key_of(desired, s.media)});
  }
  return request;
}

std::string import_text(const events::ImportReport& r) {
  std::string out;
  for (const auto& a : r.adopted)
    out += "  adopted " + a.external_ref + " (" + a.id + ", " + a.status + ", " + std::to_string(a.slots) +
           " slot(s)" + (a.account ? ", account profile" : "") + ")\n";
  for (const auto& a : r.ambiguous) {
    out += "  ambiguous " + a.external_ref + ": " + std::to_string(a.bundle_ids.size()) + " bundles (";
    for (std::size_t i = 0; i < a.bundle_ids.size(); ++i) out += (i ? ", " : "") + a.bundle_ids[i];
    out += "); not adopted\n";
  }
  for (const auto& ref : r.already_known) out += "  known " + ref + " (already in the state)\n";
  for (const auto& ref : r.not_found) out += "  none " + ref + " (no bundle at TokPortal; the plan buys it)\n";
  for (const auto& n : r.notes) out += "  note: " + n + "\n";
  out += "Import: " + std::to_string(r.adopted.size()) + " adopted, " + std::to_string(r.ambiguous.size()) +
         " ambiguous, " + std::to_string(r.already_known.size()) + " already known, " +
         std::to_string(r.not_found.size()) + " not found; " + std::to_string(r.requests) + " API request(s).\n";
  return out;
}

Result<int> run_import(const ImportFlags& flags, const std::shared_ptr<Clock>& clock) {
  auto desired = desired_of_file(flags.file, flags.media_roots);
  if (!desired.ok()) return desired.error();
  auto client = online_client(flags.online, clock);
  if (!client.ok()) return client.error();
  auto held = open_locked_state(flags.state, true, flags.online, "ugc import", clock);
  if (!held.ok()) return held.error();
  auto report = events::import_bundles(*held->store, **client, import_request_of(*desired));
  if (!report.ok()) return report.error().with_context("importing into " + flags.state);
  if (flags.format == "json")
    std::printf("%s\n", events::to_json(*report).dump(2).c_str());
  else
    std::fputs(import_text(*report).c_str(), stdout);
  if (report->ambiguous.empty()) return kExitOk;
  log::print_stderr("error", std::to_string(report->ambiguous.size()) +
                                 " ref(s) answered by several bundles were not adopted: cancel or rename the "
                                 "extra bundles at TokPortal (or `ugc state` them by hand), then import again.\n");
  return kExitPartial;
}

}  // namespace

CommandRun define_import(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<ImportFlags>();
  sub.footer(kImportHelp);
  sub.add_option("file", flags->file, "Campaign file (YAML)")->required();
  add_state_option(sub, flags->state, "State (created when missing)");
  sub.add_option("--format", flags->format, "text | json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_media_root_option(sub, flags->media_roots);
  add_online_options(sub, flags->online);
  return [flags, clock]() -> Result<int> { return run_import(*flags, clock); };
}

}  // namespace ugc::cli
