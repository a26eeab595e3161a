// ugc init [DIR]: scaffold a campaign: a commented campaign.yaml that
// validates as written, the campaign schema it names in its editor modeline,
// a media/ folder and a .gitignore. Never overwrites: when any of those files
// exists, nothing is written.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "ugc/cli/command.hpp"
#include "ugc/cli/schemas.hpp"
#include "ugc/core/date.hpp"

namespace ugc::cli {
namespace {

namespace fs = std::filesystem;

struct InitFlags {
  std::string dir = ".";
  std::string campaign;
};

// The campaign id: the flag, else the directory's name when it is a valid id.
std::string campaign_id(const InitFlags& f) {
  if (!f.campaign.empty()) return f.campaign;
  static const std::regex id("[A-Za-z0-9_-]{1,64}");
  std::string name = fs::absolute(f.dir).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(f.dir).lexically_normal().parent_path().filename().string();
  return std::regex_match(name, id) ? name : "my-campaign";
}

std::string campaign_text(const std::string& id, CivilDate today) {
  const std::string start = today.plus_days(14).str();
  const std::string until = today.plus_days(365).str();
  return R"(# yaml-language-server: $schema=campaign.schema.json
#
# A ugc campaign: who made the videos, where and when they are published.
#   ugc validate campaign.yaml    errors only (what apply would refuse)
#   ugc lint campaign.yaml        errors and warnings (captions, rights, dates)
#   ugc plan campaign.yaml        what apply would create, change and cost
# Editors with yaml-language-server show help on every key (the line above
# points at campaign.schema.json; `ugc schema campaign > campaign.schema.json`
# refreshes it after an upgrade of ugc). Every key: docs/campaign-file.md.
version: 1
campaign: )" + id + R"(   # prefixes every external_ref; do not change it once applied
title: "My first campaign"

creators:
  creator-01:                 # an id you choose; media name it
    name: "Jane Doe"
    disclosure: "#ad"         # must appear in every caption of this creator
    rights:                   # what the creator allowed: markets, platforms, last day
      markets: [US, FR]
      platforms: [tiktok]
      until: )" + until + R"(

media:
  # A video file under media/ is uploaded (MP4, MOV or WebM):
  #   review: {creator: creator-01, file: media/review.mp4}
  # a URL is passed to TokPortal as is:
  review: {creator: creator-01, url: "https://cdn.example.com/ugc/review.mp4"}

markets:                      # ISO 3166-1 alpha-2 codes; one account per platform by default
  US: {language: en, platforms: [tiktok], accounts: 1, videos_per_account: 3}
  FR: {language: fr, platforms: [tiktok], accounts: 1, videos_per_account: 3}

accounts:                     # the profile of every account TokPortal creates
  username: "mybrand.{market}{n}"   # {market} {platform} {n} expand; 1-24 of A-Z a-z 0-9 _ .
  visible_name: {en: "My Brand", fr: "My Brand France"}
  biography:
    en: "Honest reviews from real customers"
    fr: "Des avis honnêtes de vrais clients"
  profile_picture: "https://cdn.example.com/ugc/logo.png"   # or an image file: media/logo.png

defaults:
  schedule: {start: )" + start + R"(, every_days: 2}   # dates of videos without publish_on

videos:
  - id: review-week1          # part of its slots' external_refs: rename with moved: below
    media: review
    captions:                 # one per language (en, fr) or per market (US, FR)
      en: "My first week with the serum #skincare #ad"
      fr: "Ma première semaine avec le sérum #soin #ad"
    lint: {ignore: [same-day-all-markets]}   # both markets start on the same day

# After renaming an applied video, market or creator, say so, and its slots
# keep their accounts and dates (apply only renames them); remove the entry
# once applied:
# moved:
#   - {from: review-week1, to: first-week-review}
)";
}

const char* const kGitignore = R"(# ugc: local state (.ugc/state.db and its lock), saved plans
.ugc/
*.plan.json
)";

struct Scaffold {
  fs::path path;
  std::string text;
};

Status write_file(const Scaffold& f) {
  std::ofstream out(f.path, std::ios::binary | std::ios::trunc);
  out << f.text;
  out.close();
  if (!out) return io_error("ugc init: cannot write " + f.path.string());
  return {};
}

Result<int> scaffold(const InitFlags& flags, CivilDate today) {
  const fs::path dir(flags.dir);
  const EmbeddedSchema* schema = find_embedded_schema("campaign");
  if (schema == nullptr) return fatal_error("ugc init: the campaign schema is not compiled in");
  const std::vector<Scaffold> files = {
      {dir / "campaign.yaml", campaign_text(campaign_id(flags), today)},
      {dir / "campaign.schema.json", std::string(schema->text)},
      {dir / ".gitignore", kGitignore},
  };
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return invalid_input("ugc init: " + dir.string() + " exists and is not a directory");
  std::vector<std::string> existing;
  for (const auto& f : files)
    if (fs::exists(fs::symlink_status(f.path, ec))) existing.push_back(f.path.string());
  if (!existing.empty()) {
    std::string list;
    for (const auto& e : existing) list += (list.empty() ? "" : ", ") + e;
    return invalid_input("ugc init: " + list + (existing.size() == 1 ? " exists" : " exist") +
                         "; nothing was written (init never overwrites: move them away or pick another DIR)");
  }
  fs::create_directories(dir / "media", ec);
  if (ec) return io_error("ugc init: cannot create " + (dir / "media").string() + ": " + ec.message());
  for (const auto& f : files) UGC_TRY(write_file(f));
  std::printf("Created %s with campaign.yaml, campaign.schema.json, media/ and .gitignore.\n"
              "Next: edit campaign.yaml, then `ugc validate %s`.\n",
              dir.string().c_str(), (dir / "campaign.yaml").string().c_str());
  return kExitOk;
}

}  // namespace

CommandRun define_init(CLI::App& sub, std::shared_ptr<Clock> clock) {
  auto flags = std::make_shared<InitFlags>();
  sub.add_option("dir", flags->dir, "Directory to scaffold (created if missing)")->capture_default_str();
  sub.add_option("--campaign", flags->campaign, "Campaign id (default: the directory's name)")
      ->check(CLI::Validator(
          [](std::string& v) {
            static const std::regex id("[A-Za-z0-9_-]{1,64}");
            return std::regex_match(v, id) ? std::string() : "a campaign id is 1-64 of A-Z a-z 0-9 _ -";
          },
          "ID"));
  sub.footer("Writes campaign.yaml (commented, valid as written), campaign.schema.json (for editor help), "
             "media/ and .gitignore. Refuses to overwrite any existing file.");
  return [flags, clock]() -> Result<int> { return scaffold(*flags, clock->today()); };
}

}  // namespace ugc::cli
