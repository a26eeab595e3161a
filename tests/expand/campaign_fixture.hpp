#pragma once
// Campaigns built in C++ for the expand tests, so they do not depend on the
// YAML parser: a small "glow" campaign shaped like docs/design.md's example.
#include <string>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::expand::testing {

inline CivilDate day(const char* text) { return *CivilDate::parse(text); }

inline manifest::SourceLocation at(int line) { return manifest::SourceLocation{"glow.yaml", line, 3}; }

inline manifest::Market market(const std::string& code, const std::string& language,
                               std::vector<manifest::Platform> platforms, int accounts, int per_account,
                               const std::string& written = "") {
  manifest::Market m;
  m.code = code;
  m.key_as_written = written.empty() ? code : written;
  m.language = language;
  m.platforms = std::move(platforms);
  m.accounts = accounts;
  m.videos_per_account = per_account;
  m.where = at(20);
  return m;
}

inline manifest::Video video(const std::string& id, const std::string& media, std::vector<std::string> markets = {},
                             int line = 40) {
  manifest::Video v;
  v.id = id;
  v.media = media;
  v.captions.by_key = {{"en", id + ": first week with it #review #ad"},
                       {"fr", id + " : ma premiere semaine #avis #ad"},
                       {"de", id + ": eine Woche damit #test #ad"}};
  v.markets = std::move(markets);
  v.where = at(line);
  return v;
}

// US (tiktok+instagram, 2 accounts), UK->GB (tiktok), FR (tiktok), DE
// (tiktok+instagram); 4 slots per account; creator-01 may publish everywhere,
// creator-02 only in US and GB on tiktok.
inline manifest::Campaign glow_campaign() {
  using manifest::Platform;
  manifest::Campaign c;
  c.id = "glow";
  c.title = "Glow";
  c.source_file = "glow.yaml";

  manifest::Creator c1;
  c1.id = "creator-01";
  c1.name = "Jane";
  c1.rights = {{"US", "GB", "FR", "DE"}, {Platform::tiktok, Platform::instagram}, day("2027-12-31"), at(5)};
  c1.disclosure = "#ad";
  manifest::Creator c2;
  c2.id = "creator-02";
  c2.name = "Sam";
  c2.rights = {{"US", "GB"}, {Platform::tiktok}, day("2027-12-31"), at(9)};
  c.creators = {c1, c2};

  c.media = {manifest::Media{"m1", "creator-01", "media/one.mp4", "/abs/media/one.mp4", "", "aa11", at(12)},
             manifest::Media{"m2", "creator-02", "", "", "https://cdn.example.com/two.mp4", "", at(13)},
             manifest::Media{"unused", "creator-02", "", "", "https://cdn.example.com/x.mp4", "", at(14)}};

  c.markets = {market("US", "en", {Platform::instagram, Platform::tiktok}, 2, 4),
               market("GB", "en", {Platform::tiktok}, 1, 4, "UK"),
               market("FR", "fr", {Platform::tiktok}, 1, 4),
               market("DE", "de", {Platform::tiktok, Platform::instagram}, 1, 4)};

  c.accounts.username_pattern = "glowlab.{market}{n}";
  c.accounts.visible_name.by_key = {{"en", "Glow Lab"}, {"fr", "Glow Lab France"}, {"de", "Glow Lab DE"}};
  c.accounts.biography.by_key = {{"en", "Honest reviews"}, {"fr", "Des avis"}, {"de", "Echte Meinungen"}};
  c.accounts.profile_picture = "media/logo.png";
  c.accounts.profile_picture_path = "/abs/media/logo.png";
  c.accounts.profile_picture_sha256 = "bb22";
  c.accounts.where = at(30);

  c.defaults.niche_warming = "Lifestyle and product review content.";
  c.defaults.schedule = manifest::Schedule{day("2027-03-01"), 2, at(35)};

  c.videos = {video("review", "m1", {}, 40), video("unboxing", "m2", {}, 50)};
  return c;
}

}  // namespace ugc::expand::testing
