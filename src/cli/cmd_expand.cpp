// ugc expand FILE [--format table|json]: what the campaign file means (bundles,
// accounts, video slots, media) before any state exists. Slot places are those
// of a fresh state; `ugc plan` uses the places the state recorded.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "ugc/cli/campaign_check.hpp"
#include "ugc/cli/command.hpp"
#include "ugc/cli/terminal.hpp"
#include "ugc/core/log.hpp"
#include "ugc/expand/desired_json.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/expand/slot_dates.hpp"
#include "ugc/manifest/parse.hpp"

namespace ugc::cli {
namespace {

struct ExpandFlags {
  std::string file;
  std::string format = "table";
  std::vector<std::string> media_roots;
};

constexpr std::size_t kCaptionChars = 60;

// One line of at most kCaptionChars code points: captions are free text.
std::string caption_cell(const std::string& caption) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < caption.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(caption[i]);
    bool starts_char = (c & 0xC0) != 0x80;
    if (starts_char && ++chars > kCaptionChars) return out + "...";
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : caption[i];
  }
  return out;
}

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void print_table(const expand::DesiredResources& d) {
  Palette p = palette_for(stdout);
  std::size_t w_ref = 4, w_video = 5, w_media = 5;
  for (const auto& s : d.slots) {
    w_ref = std::max(w_ref, s.external_ref.size());
    w_video = std::max(w_video, s.video_id.size());
    w_media = std::max(w_media, s.media.size());
  }
  std::map<std::string, int> used;
  for (const auto& s : d.slots) ++used[s.bundle_ref];

  std::printf("%scampaign %s%s: %zu bundles, %zu slots, %zu media\n\n", p.bold().c_str(), d.campaign.c_str(),
              p.reset().c_str(), d.bundles.size(), d.slots.size(), d.media.size());
  std::printf("%s  %-4s %-10s  %s  %s  %s  %s%s\n", p.dim().c_str(), "POS", "DATE", pad("SLOT", w_ref).c_str(),
              pad("VIDEO", w_video).c_str(), pad("MEDIA", w_media).c_str(), "CAPTION", p.reset().c_str());
  auto slot = d.slots.begin();
  for (const auto& b : d.bundles) {
    std::string account = b.account.username.empty() ? "(no account profile)" : "@" + b.account.username;
    if (!b.account.visible_name.empty()) account += " \"" + b.account.visible_name + "\"";
    std::printf("%s%s%s  %s %s #%d  %s  %d/%d slots\n", p.cyan().c_str(), b.external_ref.c_str(), p.reset().c_str(),
                b.market.c_str(), manifest::to_string(b.platform), b.index, account.c_str(), used[b.external_ref],
                b.videos_quantity);
    for (; slot != d.slots.end() && slot->bundle_ref == b.external_ref; ++slot) {
      std::printf("  %-4d %s  %s  %s  %s  %s\n", slot->position, slot->publish_date.str().c_str(),
                  pad(slot->external_ref, w_ref).c_str(), pad(slot->video_id, w_video).c_str(),
                  pad(slot->media, w_media).c_str(), caption_cell(slot->caption).c_str());
    }
  }
  std::printf("\n%smedia%s\n", p.bold().c_str(), p.reset().c_str());
  std::size_t w_id = 2;
  for (const auto& m : d.media) w_id = std::max(w_id, m.id.size());
  for (const auto& m : d.media) {
    std::string source = m.url.empty() ? m.path : m.url;
    std::printf("  %s  %-15s  %s\n", pad(m.id, w_id).c_str(), m.purpose.c_str(), source.c_str());
  }
}

}  // namespace

CommandRun define_expand(CLI::App& sub, std::shared_ptr<Clock>) {
  auto flags = std::make_shared<ExpandFlags>();
  sub.add_option("file", flags->file, "Campaign file (YAML)")->required();
  sub.add_option("--format", flags->format, "Output: table or json")->check(CLI::IsMember({"table", "json"}));
  add_media_root_option(sub, flags->media_roots);
  return [flags]() -> Result<int> {
    auto campaign = manifest::load_campaign(flags->file, manifest::ParseOptions{flags->media_roots});
    if (!campaign) return campaign.error();
    auto desired = expand::expand_campaign(*campaign);
    if (!desired) return desired.error();
    if (flags->format == "json")
      std::printf("%s\n", expand::to_json(*desired).dump(2, ' ', false, Json::error_handler_t::replace).c_str());
    else
      print_table(*desired);
    // The expansion is printed either way, so the user sees which slots collide.
    auto findings = expand::check_slot_dates(*desired);
    for (const auto& d : findings) log::print_stderr(manifest::to_string(d.severity), d.str() + "\n");
    return findings.empty() ? kExitOk : kExitError;
  };
}

}  // namespace ugc::cli
