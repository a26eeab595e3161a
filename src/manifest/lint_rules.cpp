// lint_campaign(): the rules of docs/design.md "Lint" over a parsed Campaign.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "ugc/manifest/claims.hpp"
#include "ugc/manifest/limits.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/targets.hpp"

namespace ugc::manifest {
namespace {

// ASCII case folding, as std::tolower in the "C" locale ugc runs in, without a libc call per byte.
char lint_fold_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool lint_same_letter(char a, char b) { return lint_fold_ascii(a) == lint_fold_ascii(b); }

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

// `needle` in `hay`, case-insensitive, not glued to a longer word ("#ad" is not in "#adventure").
// Compared in place: lint asks once per market of every video.
bool contains_token(std::string_view hay, std::string_view needle) {
  if (needle.empty() || needle.size() > hay.size()) return needle.empty();
  const bool word_front = word_char(needle.front()), word_back = word_char(needle.back());
  for (std::size_t pos = 0; pos + needle.size() <= hay.size(); ++pos) {
    if (!std::equal(needle.begin(), needle.end(), hay.begin() + static_cast<std::ptrdiff_t>(pos), lint_same_letter))
      continue;
    bool left_ok = pos == 0 || !word_char(hay[pos - 1]) || !word_front;
    std::size_t end = pos + needle.size();
    bool right_ok = end >= hay.size() || !word_char(hay[end]) || !word_back;
    if (left_ok && right_ok) return true;
  }
  return false;
}

// Caption text -> the first video and market (as written) posting it. Views of
// the campaign's strings, which outlive the lint. Hashed: captions of one
// campaign share long prefixes, which an ordered map compares again and again.
using CaptionOwners = std::unordered_map<std::string_view, std::pair<const Video*, const std::string*>>;

struct Placed {  // one slot's date
  std::string market;
  Platform platform;
  int account;
  CivilDate date;
};

// A calendar day of one market, platform and account (0: the account is not known).
struct PostingDay {
  std::string market;
  Platform platform;
  int account;
  CivilDate date;
  auto operator<=>(const PostingDay&) const = default;
};

struct PostingDayHash {
  std::size_t operator()(const PostingDay& d) const {
    std::size_t h = std::hash<std::string>()(d.market);
    for (long long part : {static_cast<long long>(d.platform), static_cast<long long>(d.account),
                           static_cast<long long>(d.date.sys_days().time_since_epoch().count())})
      h = h * 1000003u ^ std::hash<long long>()(part);
    return h;
  }
};

class Linter {
 public:
  Linter(const Campaign& c, const LintOptions& o) : c_(c), o_(o) {
    // Each video's posts, in schedule order, found once: a scan of the whole
    // schedule per video is quadratic (400 million comparisons at 200,000 slots).
    if (o_.schedule) {
      for (const auto& s : *o_.schedule) schedule_by_video_[s.video].push_back(&s);
      days_.reserve(o_.schedule->size());  // about a day per post: no rehash of a map this big
    }
  }

  ContentFindings content() {
    ContentFindings found;
    found.video_end.reserve(c_.videos.size());
    CaptionOwners caption_owner;
    for (const auto& v : c_.videos) {
      check_captions(v, caption_owner);
      found.video_end.push_back(out_.size());
    }
    found.findings = std::move(out_);
    out_.clear();
    return found;
  }

  // Each video's content findings, then its date findings; the daily caps last.
  std::vector<LintFinding> with_dates(ContentFindings content) {
    if (content.video_end.size() != c_.videos.size()) content = this->content();
    out_.reserve(content.findings.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < c_.videos.size(); ++i) {
      for (; next < content.video_end[i] && next < content.findings.size(); ++next)
        out_.push_back(std::move(content.findings[next]));
      check_dates(c_.videos[i]);
    }
    check_daily_caps();
    return std::move(out_);
  }

 private:
  SourceLocation caption_where(const Video& v, const Market& m) const {
    static const std::string any_language = "*";
    for (const std::string* key : {&m.key_as_written, &m.code, &m.language, &any_language})
      if (auto it = v.captions.where.find(*key); it != v.captions.where.end()) return it->second;
    return v.where;
  }

  // `market`: the canonical code of the market the finding is about; empty for the whole video.
  void report(const Video& v, const SourceLocation& where, const char* rule, const std::string& what,
              const std::string& market = {}) {
    const RuleInfo* info = find_rule(rule);
    Severity sev = info ? info->severity : Severity::error;
    if (sev == Severity::warning &&
        std::find(v.ignore_rules.begin(), v.ignore_rules.end(), rule) != v.ignore_rules.end())
      return;
    out_.push_back(LintFinding{Diagnostic{sev, rule, "video '" + v.id + "': " + what, where}, v.id, market, what});
  }

  void check_captions(const Video& v, CaptionOwners& caption_owner) {
    const Creator* creator = video_creator(c_, v);
    std::map<std::string_view, const Market*> text_market;  // caption text -> first market using it, this video
    std::set<std::string> reported;
    std::map<std::pair<const std::string*, std::string>, std::optional<ReachClaim>> claims;  // (caption, language)
    for (const auto& code : target_markets(c_, v)) {
      const Market* m = c_.find_market(code);
      if (!m) continue;
      const std::string& market = m->key_as_written;
      if (creator && std::find(creator->rights.markets.begin(), creator->rights.markets.end(), m->code) ==
                         creator->rights.markets.end())
        report(v, v.where, "rights-market",
               "market " + market + " is not in the rights of creator '" + creator->id + "' (line " +
                   std::to_string(creator->rights.where.line) + ": " + rights_markets(*creator) + ")", m->code);
      for (Platform p : m->platforms)
        if (creator && std::find(creator->rights.platforms.begin(), creator->rights.platforms.end(), p) ==
                           creator->rights.platforms.end())
          report(v, v.where, "rights-platform",
                 "market " + market + " posts on " + to_string(p) + " but creator '" + creator->id +
                     "' granted rights only for " + rights_platforms(*creator), m->code);
      const std::string* caption = v.captions.lookup(m->code, m->language);
      if (!caption) continue;  // caption-missing is reported by validation
      SourceLocation at = caption_where(v, *m);
      if (creator && !creator->disclosure.empty() && !contains_token(*caption, creator->disclosure))
        report(v, at, "missing-disclosure",
               "caption for market " + market + " lacks the disclosure '" + creator->disclosure + "' of creator '" +
                   creator->id + "'", m->code);
      // Counted once per caption, not per platform.
      const int chars = count_chars(*caption), tags = count_hashtags(*caption);
      for (Platform p : m->platforms) {
        const auto& lim = platform_limits(p);
        if (chars > lim.caption_chars)
          report(v, at, "caption-too-long",
                 "caption for market " + market + " has " + std::to_string(chars) + " characters; " + to_string(p) +
                     " allows at most " + std::to_string(lim.caption_chars), m->code);
        if (tags > lim.hashtags)
          report(v, at, "too-many-hashtags",
                 "caption for market " + market + " has " + std::to_string(tags) + " hashtags; " + to_string(p) +
                     " allows at most " + std::to_string(lim.hashtags), m->code);
      }
      // Markets of one language share the caption: its claim search runs once.
      auto searched = claims.try_emplace({caption, m->language});
      if (searched.second) searched.first->second = find_reach_claim(*caption, m->language);
      if (const auto& claim = searched.first->second; claim && reported.insert("promise:" + *caption).second)
        report(v, at, "promises-reach",
               "caption for market " + market + " promises \"" + claim->phrase + "\" (" + claim->language +
                   "); platforms and TokPortal cannot guarantee reach or safety, and such copy breaks ad rules",
               m->code);
      auto [it, fresh] = text_market.try_emplace(*caption, m);
      if (!fresh) {
        const Market* first = it->second;
        if (first->language != m->language) {
          if (reported.insert("loc:" + first->language + m->language).second)
            report(v, at, "caption-not-localized",
                   "markets " + first->key_as_written + " (" + first->language + ") and " + market + " (" +
                       m->language + ") get the same caption; write one per language", m->code);
        } else {
          report(v, at, "identical-caption",
                 "markets " + first->key_as_written + " and " + market +
                     " post the same caption on different accounts; add a '" + market +
                     ":' caption so the copy differs", m->code);
        }
      }
      auto [owner, first_use] = caption_owner.try_emplace(*caption, &v, &market);
      if (!first_use && owner->second.first != &v && reported.insert("dup:" + *caption).second)
        report(v, at, "identical-caption",
               "caption for market " + market + " is the same as video '" + owner->second.first->id + "' in " +
                   *owner->second.second + "; vary the copy between videos", m->code);
    }
  }

  std::vector<Placed> placements(const Video& v) const {
    std::vector<Placed> out;
    if (o_.schedule) {
      auto of_video = schedule_by_video_.find(v.id);
      if (of_video == schedule_by_video_.end()) return out;
      for (const ScheduledPost* s : of_video->second) out.push_back(Placed{s->market, s->platform, s->account, s->date});
      return out;
    }
    if (!v.publish_on) return out;
    for (const auto& code : target_markets(c_, v)) {
      const Market* m = c_.find_market(code);
      if (!m) continue;
      for (Platform p : m->platforms) out.push_back(Placed{m->code, p, 0, *v.publish_on});
    }
    return out;
  }

  void check_dates(const Video& v) {
    const Creator* creator = video_creator(c_, v);
    auto placed = placements(v);
    std::set<std::string> reported;
    std::map<std::string, CivilDate> first_day;  // market -> earliest date
    for (const auto& p : placed) {
      const Market* m = c_.find_market(p.market);
      const std::string& market = m ? m->key_as_written : p.market;
      // Whether this finding about the market and date is new; its key is built
      // only for a finding (a date's str() per post was most of this loop).
      auto first_report = [&](const char* rule) { return reported.insert(rule + market + p.date.str()).second; };
      if (creator && p.date > creator->rights.until && first_report("rights"))
        report(v, v.where, "rights-expired",
               "market " + market + " publishes on " + p.date.str() + ", after the rights of creator '" + creator->id +
                   "' end (" + creator->rights.until.str() + ")", p.market);
      if (o_.as_of && p.date < *o_.as_of && first_report("past"))
        report(v, v.where, "publish-date-past",
               "market " + market + " publishes on " + p.date.str() + ", before today (" + o_.as_of->str() +
                   "); move it to " + o_.as_of->plus_days(kLeadDaysNewAccount).str() + " or later", p.market);
      else if (o_.as_of && p.date < o_.as_of->plus_days(kLeadDaysNewAccount) && first_report("lead"))
        report(v, v.where, "publish-lead-time",
               "market " + market + " publishes on " + p.date.str() + ", less than " +
                   std::to_string(kLeadDaysNewAccount) + " days after " + o_.as_of->str() +
                   "; TokPortal needs that lead while the account is created (earliest " +
                   o_.as_of->plus_days(kLeadDaysNewAccount).str() + ")", p.market);
      auto [it, fresh] = first_day.emplace(p.market, p.date);
      if (!fresh && p.date < it->second) it->second = p.date;
      days_[PostingDay{p.market, p.platform, p.account, p.date}].push_back(&v);
    }
    if (first_day.size() >= 2) {
      bool same = std::all_of(first_day.begin(), first_day.end(),
                              [&](const auto& kv) { return kv.second == first_day.begin()->second; });
      if (same)
        report(v, v.where, "same-day-all-markets",
               "goes out on " + first_day.begin()->second.str() + " in all " + std::to_string(first_day.size()) +
                   " of its markets; stagger the dates so the same video does not appear everywhere at once");
    }
  }

  // At most 3 videos per calendar day per bundle (VIDEOS_PER_DAY_EXCEEDED); warn above 2.
  // Without a schedule the bundle is unknown (account 0): compare against the
  // market's accounts, which is certain for the error and a fair guess for the warning.
  void check_daily_caps() {
    // Hashed, then only the crowded days sorted: an ordered map of every
    // posting day (one per slot) cost most of a 200,000-slot lint in compares.
    auto bundles_of = [this](const PostingDay& day) {
      const Market* m = c_.find_market(day.market);
      return day.account == 0 && m ? m->accounts : 1;
    };
    std::vector<const std::pair<const PostingDay, std::vector<const Video*>>*> crowded;
    for (const auto& entry : days_)
      if (entry.second.size() > 2 * static_cast<std::size_t>(std::max(bundles_of(entry.first), 0)))
        crowded.push_back(&entry);
    std::sort(crowded.begin(), crowded.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : crowded) {
      const auto& [market_code, platform, account, date] = entry->first;
      const std::vector<const Video*>& videos = entry->second;
      const Market* m = c_.find_market(market_code);
      const int bundles = bundles_of(entry->first);
      int count = static_cast<int>(videos.size());
      std::string where = (m ? m->key_as_written : market_code) + "/" + to_string(platform) +
                          (account ? "/" + std::to_string(account) : "");
      std::string names;
      for (const Video* v : videos) names += (names.empty() ? "'" : ", '") + v->id + "'";
      if (count > kMaxVideosPerDayPerBundle * bundles) {
        report(*videos.back(), videos.back()->where, "videos-per-day-exceeded",
               std::to_string(count) + " videos on " + date.str() + " for " + where + " (" + names +
                   "); TokPortal allows " + std::to_string(kMaxVideosPerDayPerBundle) + " per day per account");
      } else if (count > 2 * bundles) {
        report(*videos.back(), videos.back()->where, "too-many-posts-per-day",
               std::to_string(count) + " videos on " + date.str() + " for " + where + " (" + names +
                   "); more than 2 a day per account looks like spam");
      }
    }
  }

  static std::string rights_markets(const Creator& cr) {
    std::string s;
    for (const auto& m : cr.rights.markets) s.append(s.empty() ? "" : " ").append(m);
    return s.empty() ? "none" : s;
  }
  static std::string rights_platforms(const Creator& cr) {
    std::string s;
    // Appended, not `" " + std::string(...)`: GCC 12 -O3 reports a false
    // -Wrestrict for operator+(const char*, std::string&&) (GCC bug 105329).
    for (auto p : cr.rights.platforms) s.append(s.empty() ? "" : " ").append(to_string(p));
    return s.empty() ? "none" : s;
  }

  const Campaign& c_;
  const LintOptions& o_;
  std::unordered_map<std::string, std::vector<const ScheduledPost*>> schedule_by_video_;
  std::vector<LintFinding> out_;
  std::unordered_map<PostingDay, std::vector<const Video*>, PostingDayHash> days_;
};

}  // namespace

std::vector<LintFinding> lint_campaign_findings(const Campaign& campaign, const LintOptions& options) {
  Linter linter(campaign, options);
  return linter.with_dates(linter.content());
}

ContentFindings lint_content(const Campaign& campaign) {
  const LintOptions no_dates;
  return Linter(campaign, no_dates).content();
}

std::vector<LintFinding> lint_campaign_findings(const Campaign& campaign, const LintOptions& options,
                                                ContentFindings content) {
  return Linter(campaign, options).with_dates(std::move(content));
}

std::vector<Diagnostic> lint_campaign(const Campaign& campaign, const LintOptions& options) {
  std::vector<Diagnostic> out;
  for (auto& f : lint_campaign_findings(campaign, options)) out.push_back(std::move(f.diagnostic));
  return out;
}

}  // namespace ugc::manifest
