#pragma once
// Campaign: the typed form of one campaign YAML file (docs/design.md, "The campaign
// file"). Plain data, produced by parse_campaign() and read by every later
// stage. Each element remembers where it was written so that errors and lint
// findings can name file:line:column.
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ugc/core/date.hpp"

namespace ugc::manifest {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  std::string str() const;  // "file:line:column"
};

enum class Platform { tiktok, instagram };
const char* to_string(Platform p);
std::optional<Platform> parse_platform(const std::string& text);

struct Rights {
  std::vector<std::string> markets;  // canonical market codes (see Market::code)
  std::vector<Platform> platforms;
  CivilDate until;
  SourceLocation where;
};

struct Creator {
  std::string id;  // key under `creators:`
  std::string name;
  Rights rights;
  std::string disclosure;  // must appear in every caption of this creator's videos; may be empty
  SourceLocation where;
};

struct Media {
  std::string id;  // key under `media:`
  std::string creator;
  std::string file;    // path as written, relative to the campaign file; empty when url is set
  std::string path;    // file resolved against the campaign file's directory (inside a media root)
  std::string url;     // remote media passed through as-is
  std::string sha256;  // of the file's bytes; empty for url media
  SourceLocation where;
};

// What plan does when TokPortal cancels a bundle of the market (a validated
// ban, or a cancel): hold its unposted videos back as blocked, or buy a
// replacement bundle for them (spends credits, so only on request).
enum class OnCancel { block, replace };

struct Market {
  // Canonical ISO 3166-1 alpha-2 code as the user means it ("GB" for "UK").
  std::string code;
  std::string key_as_written;  // "UK" when the file says UK; used in external_refs
  std::string language;        // ISO 639-1, lower case
  std::vector<Platform> platforms;
  int accounts = 1;
  int videos_per_account = 0;
  OnCancel on_cancel = OnCancel::block;
  SourceLocation where;
};

// A text that varies by language (and optionally by market). Keys are
// lower-case languages ("en") or upper-case market codes ("GB"); "*" holds a
// value given as a plain string.
struct LocalizedText {
  std::map<std::string, std::string> by_key;
  std::map<std::string, SourceLocation> where;
  // Market key first (canonical or an alias such as "UK"), then language, then
  // "*"; nullptr when none applies.
  const std::string* lookup(const std::string& market, const std::string& language) const;
};

struct AccountTemplate {
  std::string username_pattern;  // "{market}", "{platform}", "{n}" expand
  LocalizedText visible_name;
  LocalizedText biography;
  std::string profile_picture;       // as written (file path or URL)
  std::string profile_picture_path;  // resolved local path; empty for a URL
  std::string profile_picture_sha256;
  SourceLocation where;
  SourceLocation profile_picture_where;  // of its value
};

struct Schedule {
  CivilDate start;
  int every_days = 1;
  SourceLocation where;
};

struct Defaults {
  std::string niche_warming;  // bundle niche-warming instructions; empty = none
  std::optional<Schedule> schedule;
};

struct Video {
  std::string id;
  std::string media;  // key into Campaign::media
  LocalizedText captions;
  std::vector<std::string> markets;  // empty = every market the creator's rights allow
  std::optional<CivilDate> publish_on;
  std::vector<std::string> ignore_rules;  // lint warnings silenced for this video (`lint: {ignore: [...]}`)
  SourceLocation where;
};

// `moved: [{from: OLD_REF, to: NEW_REF}]`: a rename of a resource, like Terraform.
struct Move {
  std::string from;
  std::string to;
  SourceLocation where;
};

struct Campaign {
  int version = 1;
  std::string id;  // prefixes every external_ref
  std::string title;
  std::string source_file;  // path the campaign was read from
  std::vector<Creator> creators;  // file order
  std::vector<Media> media;
  std::vector<Market> markets;
  AccountTemplate accounts;
  Defaults defaults;
  std::vector<Video> videos;
  std::vector<Move> moved;

  const Creator* find_creator(const std::string& id) const;
  const Media* find_media(const std::string& id) const;
  const Market* find_market(const std::string& code) const;  // by canonical code or as written

  // Shortcuts of find_market (the first market of each code and key as
  // written) and find_media (the first media of each id): plan asks once per
  // slot and rule, and a scan per slot is quadratic in a campaign's size. The
  // parser fills them; an empty or stale index only makes the lookup scan as
  // without one.
  std::unordered_map<std::string, std::size_t> market_index;
  std::unordered_map<std::string, std::size_t> media_index;
  void index_markets();
  void index_media();
};

}  // namespace ugc::manifest
