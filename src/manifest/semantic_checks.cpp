// Cross-references between the sections of a campaign and the ids that end up
// in external_refs.
#include <algorithm>
#include <set>

#include "campaign_checks.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/languages.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/nearest_key.hpp"
#include "ugc/manifest/targets.hpp"

namespace ugc::manifest::detail {
namespace {

// external_ref is <campaign>-<video>-<market>-<platform> and at most 200 chars.
constexpr std::size_t kMaxIdChars = 64;

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdChars) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string id_rule_text() {
  return "use 1-" + std::to_string(kMaxIdChars) + " of letters, digits, '-' and '_'";
}

std::string suggest(const std::string& wrong, const std::vector<std::string>& known) {
  if (known.empty()) return "none is defined";
  if (auto near = nearest_key(wrong, known)) return "did you mean '" + *near + "'?";
  return "defined: " + join_list(known);
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.id);
  return out;
}

std::vector<std::string> market_codes(const Campaign& c) {
  std::vector<std::string> out;
  for (const auto& m : c.markets) out.push_back(m.key_as_written);
  return out;
}

// A `moved:` entry names what the file calls something now (`to`): a video id,
// a market key, a creator id, or an external_ref of the campaign (which only
// expand can check exactly; see expand/moves.hpp). An old id (`from`) of the
// same kind still in the file would steal its slots.
void check_moved(const Campaign& c, const Move& mv, std::vector<Diagnostic>& out) {
  const std::string entry = "moved: " + mv.from + " -> " + mv.to + ": ";
  if (mv.from.empty() || mv.to.empty() || mv.from == mv.to) {
    add_error(out, mv.where, "missing-key",
              "a moved entry needs different non-empty 'from' and 'to' (video ids, market keys, creator ids or "
              "external_refs)");
    return;
  }
  auto has_video = [&c](const std::string& id) {
    return std::any_of(c.videos.begin(), c.videos.end(), [&id](const Video& v) { return v.id == id; });
  };
  const char* kind = has_video(mv.to)         ? "video"
                     : c.find_market(mv.to)  ? "market"
                     : c.find_creator(mv.to) ? "creator"
                                             : nullptr;
  if (kind == nullptr) {
    if (!c.id.empty() && mv.to.rfind(c.id + "-", 0) == 0) return;  // an external_ref: expand checks it
    std::vector<std::string> known = ids_of(c.videos);
    for (const auto& m : c.markets) known.push_back(m.key_as_written);
    for (const auto& cr : c.creators) known.push_back(cr.id);
    add_error(out, mv.where, "moved-unmatched",
              entry + "'" + mv.to + "' is not a video id, market key, creator id or external_ref of this file; " +
                  (nearest_key(mv.to, known) ? "did you mean '" + *nearest_key(mv.to, known) + "'? " : "") +
                  "'to' names what the file calls it now");
    return;
  }
  const std::string k = kind;
  const bool still = (k == "video" && has_video(mv.from)) || (k == "market" && c.find_market(mv.from)) ||
                     (k == "creator" && c.find_creator(mv.from));
  if (still)
    add_error(out, mv.where, "moved-unmatched",
              entry + k + " '" + mv.from + "' is still in the file; a rename moves what the old " + k +
                  " had to the new one, so remove '" + mv.from + "' or this entry");
}

}  // namespace

void check_campaign(Campaign& campaign, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  check_references(campaign, ctx, out);
  resolve_media_files(campaign, ctx, out);
  check_account_profile(campaign, out);
  check_videos(campaign, ctx, out);
}

void check_references(const Campaign& c, const CheckContext&, std::vector<Diagnostic>& out) {
  SourceLocation top{c.source_file, 1, 1};
  if (!c.id.empty() && !valid_id(c.id))
    add_error(out, top, "bad-id", "campaign id '" + c.id + "' prefixes every external_ref; " + id_rule_text());
  for (const auto& m : c.media) {
    if (!m.creator.empty() && !c.find_creator(m.creator))
      add_error(out, m.where, "unknown-reference",
                "media '" + m.id + "' names creator '" + m.creator + "'; " + suggest(m.creator, ids_of(c.creators)));
  }
  for (const auto& m : c.markets) {
    if (!m.language.empty() && !is_supported_language(m.language)) {
      std::string msg = "market " + m.key_as_written + " language '" + m.language + "' is not an ISO 639-1 code; ";
      if (auto near = nearest_key(m.language, supported_languages())) msg += "did you mean '" + *near + "'? ";
      msg += "supported: " + join_list(supported_languages(), " ");
      add_error(out, m.where, "unknown-language", msg);
    }
    if (m.platforms.empty())
      add_error(out, m.where, "missing-key", "market " + m.key_as_written + " needs at least one platform (tiktok, instagram)");
  }
}

void check_videos(const Campaign& c, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  std::set<std::string> seen;
  std::map<std::string, int> videos_per_market;
  for (std::size_t i = 0; i < c.videos.size(); ++i) {
    const Video& v = c.videos[i];
    std::string name = "video '" + v.id + "'";
    if (!v.id.empty()) {
      if (!valid_id(v.id)) add_error(out, v.where, "bad-id", name + " id appears in external_refs; " + id_rule_text());
      if (!seen.insert(v.id).second)
        add_error(out, v.where, "duplicate-video", name + " is defined twice; video ids must be unique");
    }
    if (!v.media.empty() && !c.find_media(v.media))
      add_error(out, v.where, "unknown-reference", name + " names media '" + v.media + "'; " + suggest(v.media, ids_of(c.media)));
    auto markets_at = ctx.video_markets_where.count(i) ? ctx.video_markets_where.at(i) : v.where;
    for (const auto& code : v.markets)
      if (!c.find_market(code))
        add_error(out, markets_at, "unknown-reference",
                  name + " targets market " + code + " which is not under markets:; campaign markets: " +
                      join_list(market_codes(c)));
    // Caption keys: a language or a campaign market.
    for (const auto& [key, text] : v.captions.by_key) {
      if (key == "*" || is_supported_language(key) || c.find_market(key)) continue;
      add_error(out, v.captions.where.at(key), "unknown-text-key",
                name + " caption key '" + key + "' is neither an ISO 639-1 language (en, fr, ...) nor a market of this campaign (" +
                    join_list(market_codes(c)) + ")");
    }
    auto targets = target_markets(c, v);
    for (const auto& code : targets) {
      const Market* m = c.find_market(code);
      if (!m) continue;
      ++videos_per_market[code];
      if (!v.captions.by_key.empty() && !v.captions.lookup(m->code, m->language))
        add_error(out, v.where, "caption-missing",
                  name + " has no caption for market " + m->key_as_written + "; add '" + m->language + ":' or '" +
                      m->key_as_written + ":' under captions");
    }
    if (!v.publish_on && !c.defaults.schedule)
      add_error(out, v.where, "missing-date", name + " has no publish_on and the campaign has no defaults.schedule; add either");
    auto ignore_at = ctx.video_ignore_where.count(i) ? ctx.video_ignore_where.at(i) : v.where;
    for (const auto& rule : v.ignore_rules) {
      const RuleInfo* info = find_rule(rule);
      if (!info) {
        std::vector<std::string> warnings;
        for (const auto& r : rule_table())
          if (r.severity == Severity::warning) warnings.push_back(r.id);
        add_error(out, ignore_at, "bad-ignore",
                  name + " ignores unknown rule '" + rule + "'; " +
                      (nearest_key(rule, warnings) ? "did you mean '" + *nearest_key(rule, warnings) + "'? " : "") +
                      "warnings that can be ignored: " + join_list(warnings));
      } else if (info->severity == Severity::error) {
        add_error(out, ignore_at, "bad-ignore", name + " ignores '" + rule + "', an error; only warnings can be ignored");
      }
    }
  }
  for (const auto& m : c.markets) {
    int slots = m.accounts * m.videos_per_account;
    int wanted = videos_per_market[m.code];
    if (wanted > slots)
      add_error(out, m.where, "not-enough-slots",
                std::to_string(wanted) + " videos target market " + m.key_as_written + " but it buys " +
                    std::to_string(slots) + " slots per platform (accounts " + std::to_string(m.accounts) +
                    " x videos_per_account " + std::to_string(m.videos_per_account) + "); raise videos_per_account to " +
                    std::to_string((wanted + m.accounts - 1) / m.accounts));
  }
  for (const auto& mv : c.moved) check_moved(c, mv, out);
}

}  // namespace ugc::manifest::detail
