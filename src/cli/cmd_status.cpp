// ugc status FILE: the campaign's bundles, accounts and videos per market and
// platform as the state knows them (apply, webhooks, polled bans), without an
// API call. --watch [SECONDS] redraws in place on a terminal and prints once
// per interval otherwise. Exit 0: all well; 4 (kExitAttention): a ban, a
// cancelled bundle or corrections requested.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/campaign_status.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/interrupt.hpp"
#include "ugc/cli/state_option.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/state/store.hpp"

namespace ugc::cli {
namespace {

struct StatusFlags {
  std::string file;
  std::string state = ".ugc/state.db";
  std::string format = "text";
  std::string watch;  // seconds as typed; empty with a bare --watch
  std::vector<std::string> media_roots;
};

constexpr int kDefaultWatchSeconds = 2;

Result<int> watch_seconds(const std::string& typed) {
  if (typed.empty()) return kDefaultWatchSeconds;
  try {
    std::size_t used = 0;
    const int n = std::stoi(typed, &used);
    if (used == typed.size() && n >= 1 && n <= 86400) return n;
  } catch (const std::exception&) {
  }
  return invalid_input("--watch takes a whole number of seconds from 1 to 86400, not '" + typed + "'");
}

// Read again for every refresh: the receiver keeps writing the file.
Result<CampaignStatus> read_status(const manifest::Campaign& campaign, const StatusFlags& flags,
                                   const std::shared_ptr<Clock>& clock) {
  auto store = state::Store::open_if_applied(flags.state, clock);
  if (!store) return store.error();
  return read_campaign_status(campaign, *store ? &**store : nullptr, flags.state);
}

std::string render(const CampaignStatus& status, const StatusFlags& flags) {
  if (flags.format == "json") return to_json(status).dump(2) + "\n";
  return render_status_text(status, palette_for(stdout));  // --no-color is a flag of ugc (main.cpp)
}

Result<int> run_status(const StatusFlags& flags, bool watching, const std::shared_ptr<Clock>& clock) {
  auto seconds = watch_seconds(flags.watch);
  if (!seconds) return seconds.error();
  auto campaign = manifest::load_campaign(flags.file, {flags.media_roots});
  if (!campaign) return campaign.error();
  InterruptScope interrupt;
  const bool redraw = watching && is_terminal(stdout);
  bool attention = false;
  for (;;) {
    auto status = read_status(*campaign, flags, clock);
    if (!status) return status.error();
    attention = status->needs_attention();
    // Home and clear, then the table: one frame, no scrolling.
    const std::string frame = (redraw ? "\x1b[H\x1b[2J" : "") + render(*status, flags);
    std::fwrite(frame.data(), 1, frame.size(), stdout);
    std::fflush(stdout);
    if (!watching) break;
    // Sleep in short steps so Ctrl-C ends the watch promptly.
    const auto until = clock->monotonic_now() + std::chrono::seconds(*seconds);
    while (!interrupt.requested() && clock->monotonic_now() < until) clock->sleep(std::chrono::milliseconds(100));
    if (interrupt.requested()) break;
  }
  return attention ? kExitAttention : kExitOk;
}

}  // namespace

CommandRun define_status(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<StatusFlags>();
  sub.add_option("file", flags->file, "Campaign file (YAML)")->required();
  add_state_option(sub, flags->state, "State");
  sub.add_option("--format", flags->format, "text | json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  CLI::Option* watch = sub.add_option("--watch", flags->watch,
                                      "Refresh every SECONDS (default 2; --watch=N): in place on a terminal, "
                                      "else printed once per interval; Ctrl-C stops")
                           ->expected(0, 1);
  add_media_root_option(sub, flags->media_roots);
  sub.footer("Exit codes: 0 all well, 4 something needs attention (a banned account, a cancelled bundle, "
             "corrections requested), 1 error.");
  return [flags, watch, clock]() -> Result<int> { return run_status(*flags, watch->count() > 0, clock); };
}

}  // namespace ugc::cli
