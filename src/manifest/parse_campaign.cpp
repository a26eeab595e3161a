// The schema walk: YAML nodes -> Campaign fields, one diagnostic per problem.
// Cross-references (a video's media, a market a creator's rights name, ...)
// are checked afterwards by check_semantics(), on the typed Campaign.
#include <array>
#include <filesystem>
#include <fstream>

#include "campaign_checks.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/limits.hpp"
#include "ugc/manifest/nearest_key.hpp"
#include "ugc/manifest/parse.hpp"
#include "yaml_reader.hpp"

namespace ugc::manifest {
namespace {

using detail::MapEntry;
using detail::YamlReader;

class CampaignParser {
 public:
  explicit CampaignParser(YamlReader& r) : r_(r) {}

  Campaign parse(const YAML::Node& root) {
    Campaign c;
    c.source_file = r_.file();
    auto top = r_.map(root, "the campaign file",
                      {"version", "campaign", "title", "creators", "media", "markets", "accounts", "defaults",
                       "videos", "moved"});
    if (!top) return c;
    r_.require(root, "the campaign file", *top, {"version", "campaign", "markets", "accounts"});
    for (const auto& e : *top) {
      if (e.key == "version") {
        if (auto v = r_.integer(e.value, "version", 1, 1)) c.version = *v;
      } else if (e.key == "campaign") {
        if (auto id = r_.string(e.value, "campaign")) c.id = *id;
      } else if (e.key == "title") {
        if (auto t = r_.string(e.value, "title")) c.title = *t;
      } else if (e.key == "creators") {
        parse_creators(e.value, c);
      } else if (e.key == "media") {
        parse_media(e.value, c);
        c.index_media();
      } else if (e.key == "markets") {
        parse_markets(e.value, c);
        c.index_markets();
      } else if (e.key == "accounts") {
        parse_accounts(e.value, c.accounts);
      } else if (e.key == "defaults") {
        parse_defaults(e.value, c.defaults);
      } else if (e.key == "videos") {
        parse_videos(e.value, c);
      } else if (e.key == "moved") {
        parse_moved(e.value, c);
      }
    }
    return c;
  }

 private:
  void parse_creators(const YAML::Node& node, Campaign& c) {
    auto creators = r_.map(node, "creators");
    if (!creators) return;
    for (const auto& e : *creators) {
      Creator cr;
      cr.id = e.key;
      cr.where = r_.at(e.key_node);
      std::string what = "creator '" + e.key + "'";
      auto fields = r_.map(e.value, what, {"name", "rights", "disclosure"});
      if (fields) {
        r_.require(e.value, what, *fields, {"rights"});
        for (const auto& f : *fields) {
          if (f.key == "name") {
            if (auto s = r_.string(f.value, what + " name")) cr.name = *s;
          } else if (f.key == "disclosure") {
            if (auto s = r_.string(f.value, what + " disclosure")) cr.disclosure = *s;
          } else if (f.key == "rights") {
            parse_rights(f.value, what, cr.rights);
          }
        }
      }
      c.creators.push_back(std::move(cr));
    }
  }

  void parse_rights(const YAML::Node& node, const std::string& owner, Rights& rights) {
    std::string what = "rights of " + owner;
    rights.where = r_.at(node);
    auto fields = r_.map(node, what, {"markets", "platforms", "until"});
    if (!fields) return;
    r_.require(node, what, *fields, {"markets", "platforms", "until"});
    for (const auto& f : *fields) {
      if (f.key == "markets") {
        rights.markets = market_list(f.value, what + " markets");
      } else if (f.key == "platforms") {
        rights.platforms = platform_list(f.value, what + " platforms");
      } else if (f.key == "until") {
        if (auto d = r_.date(f.value, what + " until")) rights.until = *d;
      }
    }
  }

  void parse_media(const YAML::Node& node, Campaign& c) {
    auto items = r_.map(node, "media");
    if (!items) return;
    for (const auto& e : *items) {
      Media m;
      m.id = e.key;
      m.where = r_.at(e.key_node);
      std::string what = "media '" + e.key + "'";
      auto fields = r_.map(e.value, what, {"creator", "file", "url"});
      if (fields) {
        r_.require(e.value, what, *fields, {"creator"});
        for (const auto& f : *fields) {
          if (f.key == "creator") {
            if (auto s = r_.string(f.value, what + " creator")) m.creator = *s;
          } else if (f.key == "file") {
            if (auto s = r_.string(f.value, what + " file")) m.file = *s;
          } else if (f.key == "url") {
            if (auto s = r_.string(f.value, what + " url")) m.url = *s;
          }
        }
        if (m.file.empty() == m.url.empty())
          r_.error(e.value, "media-source", what + " needs exactly one of 'file' (a local path) or 'url'");
      }
      c.media.push_back(std::move(m));
    }
  }

  void parse_markets(const YAML::Node& node, Campaign& c) {
    auto items = r_.map(node, "markets");
    if (!items) return;
    if (items->empty()) r_.error(node, "missing-key", "markets is empty; name at least one market, e.g. US");
    for (const auto& e : *items) {
      Market m;
      m.key_as_written = e.key;
      m.where = r_.at(e.key_node);
      auto code = canonical_market(e.key);
      if (!code) {
        unknown_market(e.key_node, e.key, "markets");
      } else {
        m.code = *code;
        for (const auto& other : c.markets) {
          if (other.code == m.code)
            r_.error(e.key_node, "duplicate-key",
                     "market '" + e.key + "' is the same country as '" + other.key_as_written + "' (line " +
                         std::to_string(other.where.line) + "); keep one");
        }
      }
      std::string what = "market '" + e.key + "'";
      auto fields = r_.map(e.value, what, {"language", "platforms", "accounts", "videos_per_account", "on_cancel"});
      if (fields) {
        r_.require(e.value, what, *fields, {"language", "platforms"});
        for (const auto& f : *fields) {
          if (f.key == "language") {
            if (auto s = r_.string(f.value, what + " language")) m.language = *s;
          } else if (f.key == "platforms") {
            m.platforms = platform_list(f.value, what + " platforms");
          } else if (f.key == "accounts") {
            if (auto n = r_.integer(f.value, what + " accounts", 1, kMaxAccounts)) m.accounts = *n;
          } else if (f.key == "videos_per_account") {
            if (auto n = r_.integer(f.value, what + " videos_per_account", 0, kMaxSlots)) m.videos_per_account = *n;
          } else if (f.key == "on_cancel") {
            m.on_cancel = on_cancel_of(f.value, what + " on_cancel");
          }
        }
      }
      if (m.code.empty()) continue;  // already reported; keep later checks quiet
      c.markets.push_back(std::move(m));
    }
  }

  void parse_accounts(const YAML::Node& node, AccountTemplate& a) {
    a.where = r_.at(node);
    auto fields = r_.map(node, "accounts", {"username", "visible_name", "biography", "profile_picture"});
    if (!fields) return;
    r_.require(node, "accounts", *fields, {"username", "visible_name", "biography", "profile_picture"});
    for (const auto& f : *fields) {
      if (f.key == "username") {
        if (auto s = r_.string(f.value, "accounts username")) a.username_pattern = *s;
      } else if (f.key == "visible_name") {
        a.visible_name = localized(f.value, "accounts visible_name");
      } else if (f.key == "biography") {
        a.biography = localized(f.value, "accounts biography");
      } else if (f.key == "profile_picture") {
        if (auto s = r_.string(f.value, "accounts profile_picture")) a.profile_picture = *s;
        a.profile_picture_where = r_.at(f.value);
      }
    }
  }

  void parse_defaults(const YAML::Node& node, Defaults& d) {
    auto fields = r_.map(node, "defaults", {"bundle", "schedule"});
    if (!fields) return;
    for (const auto& f : *fields) {
      if (f.key == "bundle") {
        auto bundle = r_.map(f.value, "defaults bundle", {"niche_warming"});
        if (!bundle) continue;
        for (const auto& b : *bundle)
          if (auto s = r_.string(b.value, "defaults bundle niche_warming")) d.niche_warming = *s;
      } else if (f.key == "schedule") {
        auto schedule = r_.map(f.value, "defaults schedule", {"start", "every_days"});
        if (!schedule) continue;
        r_.require(f.value, "defaults schedule", *schedule, {"start"});
        Schedule s;
        s.where = r_.at(f.value);
        bool ok = true;
        for (const auto& k : *schedule) {
          if (k.key == "start") {
            auto date = r_.date(k.value, "schedule start");
            ok = ok && date.has_value();
            if (date) s.start = *date;
          } else if (k.key == "every_days") {
            auto n = r_.integer(k.value, "schedule every_days", 1, 365);
            ok = ok && n.has_value();
            if (n) s.every_days = *n;
          }
        }
        if (ok) d.schedule = s;
      }
    }
  }

  void parse_videos(const YAML::Node& node, Campaign& c) {
    auto items = r_.list(node, "videos");
    if (!items) return;
    for (const auto& item : *items) {
      Video v;
      v.where = r_.at(item);
      auto fields = r_.map(item, "a video", {"id", "media", "captions", "markets", "publish_on", "lint"});
      if (!fields) continue;
      for (const auto& f : *fields)
        if (f.key == "id")
          if (auto s = r_.string(f.value, "video id")) v.id = *s;
      std::string what = v.id.empty() ? "video at line " + std::to_string(v.where.line) : "video '" + v.id + "'";
      r_.require(item, what, *fields, {"id", "media", "captions"});
      for (const auto& f : *fields) {
        if (f.key == "media") {
          if (auto s = r_.string(f.value, what + " media")) v.media = *s;
        } else if (f.key == "captions") {
          v.captions = localized(f.value, what + " captions");
        } else if (f.key == "markets") {
          v.markets = market_list(f.value, what + " markets");
          markets_where_[c.videos.size()] = r_.at(f.value);
        } else if (f.key == "publish_on") {
          v.publish_on = r_.date(f.value, what + " publish_on");
        } else if (f.key == "lint") {
          auto lint = r_.map(f.value, what + " lint", {"ignore"});
          if (!lint) continue;
          for (const auto& l : *lint) {
            if (auto rules = r_.string_list(l.value, what + " lint ignore")) v.ignore_rules = *rules;
            ignore_where_[c.videos.size()] = r_.at(l.value);
          }
        }
      }
      c.videos.push_back(std::move(v));
    }
  }

  void parse_moved(const YAML::Node& node, Campaign& c) {
    auto items = r_.list(node, "moved");
    if (!items) return;
    for (const auto& item : *items) {
      Move m;
      m.where = r_.at(item);
      auto fields = r_.map(item, "a moved entry", {"from", "to"});
      if (!fields) continue;
      r_.require(item, "a moved entry", *fields, {"from", "to"});
      for (const auto& f : *fields) {
        if (f.key == "from") {
          if (auto s = r_.string(f.value, "moved from")) m.from = *s;
        } else if (f.key == "to") {
          if (auto s = r_.string(f.value, "moved to")) m.to = *s;
        }
      }
      c.moved.push_back(std::move(m));
    }
  }

  // A string, or a map from language / market key to string.
  LocalizedText localized(const YAML::Node& node, const std::string& what) {
    LocalizedText text;
    if (node.IsScalar()) {
      if (auto s = r_.string(node, what)) {
        text.by_key["*"] = *s;
        text.where["*"] = r_.at(node);
      }
      return text;
    }
    if (!node.IsMap()) {
      r_.error(node, "wrong-type",
               what + " must be a string or a map of language (en) or market (GB) to string, found " +
                   detail::describe(node));
      return text;
    }
    auto entries = r_.map(node, what);
    if (!entries) return text;
    for (const auto& e : *entries) {
      if (auto s = r_.string(e.value, what + " '" + e.key + "'")) {
        text.by_key[e.key] = *s;
        text.where[e.key] = r_.at(e.value);
      }
    }
    return text;
  }

  std::vector<std::string> market_list(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    auto items = r_.list(node, what);
    if (!items) return out;
    for (const auto& item : *items) {
      auto s = r_.string(item, "an item of " + what);
      if (!s) continue;
      if (auto code = canonical_market(*s))
        out.push_back(*code);
      else
        unknown_market(item, *s, what);
    }
    return out;
  }

  // `on_cancel: block | replace` (docs/design.md, "Bans and cancellations").
  OnCancel on_cancel_of(const YAML::Node& node, const std::string& what) {
    auto s = r_.string(node, what);
    if (!s) return OnCancel::block;
    if (*s == "replace") return OnCancel::replace;
    if (*s != "block") r_.error(node, "unknown-on-cancel", what + " must be block or replace, not '" + *s + "'");
    return OnCancel::block;
  }

  std::vector<Platform> platform_list(const YAML::Node& node, const std::string& what) {
    std::vector<Platform> out;
    auto items = r_.list(node, what);
    if (!items) return out;
    for (const auto& item : *items) {
      auto s = r_.string(item, "an item of " + what);
      if (!s) continue;
      auto p = parse_platform(*s);
      if (!p) {
        std::string msg = "unknown platform '" + *s + "' in " + what + "; TokPortal orders tiktok and instagram";
        if (*s == "youtube") msg += " (YouTube is not orderable through the API)";
        r_.error(item, "unknown-platform", msg);
        continue;
      }
      bool seen = false;
      for (auto q : out) seen = seen || q == *p;
      if (seen)
        r_.error(item, "duplicate-key", "platform '" + *s + "' appears twice in " + what);
      else
        out.push_back(*p);
    }
    return out;
  }

  void unknown_market(const YAML::Node& node, const std::string& written, const std::string& what) {
    std::string msg = "unknown market '" + written + "' in " + what + "; ";
    if (auto near = nearest_key(written, supported_markets())) msg += "did you mean '" + *near + "'? ";
    msg += "supported (ISO 3166-1 alpha-2, UK accepted for GB): " + join_list(supported_markets(), " ");
    r_.error(node, "unknown-market", msg);
  }

 public:
  std::map<std::size_t, SourceLocation> markets_where_;  // video index -> its `markets:` list
  std::map<std::size_t, SourceLocation> ignore_where_;   // video index -> its `lint: ignore:` list

 private:
  static constexpr int kMaxAccounts = 100;
  static constexpr int kMaxSlots = 500;
  YamlReader& r_;
};

std::string parent_dir(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

ParseOutcome parse_campaign_text(const std::string& text, const std::string& path, const ParseOptions& options) {
  ParseOutcome outcome;
  try {
    YamlReader reader(path, outcome.diagnostics);
    auto root = reader.load(text);
    if (!root) return outcome;
    CampaignParser parser(reader);
    Campaign campaign = parser.parse(*root);
    detail::CheckContext ctx{parent_dir(path), options.media_roots, parser.markets_where_, parser.ignore_where_};
    detail::check_campaign(campaign, ctx, outcome.diagnostics);
    if (!outcome.has_errors()) outcome.campaign = std::move(campaign);
  } catch (const std::exception& e) {
    // yaml-cpp throws from accessors in corner cases we did not foresee; a
    // campaign file must never crash the tool.
    outcome.diagnostics.push_back(Diagnostic{Severity::error, "internal",
                                             std::string("could not read the campaign: ") + e.what(),
                                             SourceLocation{path, 0, 0}});
    outcome.campaign.reset();
  }
  return outcome;
}

ParseOutcome parse_campaign_file(const std::string& path, const ParseOptions& options) {
  std::error_code ec;
  std::ifstream in;
  if (std::filesystem::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    ParseOutcome outcome;
    outcome.diagnostics.push_back(Diagnostic{Severity::error, "file-unreadable",
                                             "cannot open the campaign file: it does not exist, is not a regular file or is not readable",
                                             SourceLocation{path, 0, 0}});
    return outcome;
  }
  // Read at most one byte over the limit (the reader reports the size), in
  // chunks: sizing the buffer to the limit up front would zero 16 MiB for
  // every file, which a reconcile loop pays on every run.
  std::string text;
  std::array<char, 64 * 1024> chunk{};
  while (text.size() <= kMaxFileBytes && in.read(chunk.data(), chunk.size()).gcount() > 0)
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxFileBytes + 1) text.resize(kMaxFileBytes + 1);
  return parse_campaign_text(text, path, options);
}

}  // namespace ugc::manifest
