// The table of rule ids. Ids are part of the interface (users silence them,
// tools match on them): add rules, never rename one.
#include "ugc/manifest/lint.hpp"

namespace ugc::manifest {
namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;
constexpr RuleStage R = RuleStage::read;
constexpr RuleStage C = RuleStage::check;
constexpr RuleStage L = RuleStage::lint;

}  // namespace

const std::vector<RuleInfo>& rule_table() {
  static const std::vector<RuleInfo> table = {
      {"file-unreadable", E, R, "the campaign file cannot be opened"},
      {"file-too-large", E, R, "the campaign file exceeds 16 MiB"},
      {"not-utf8", E, R, "the file is not valid UTF-8"},
      {"control-character", E, R, "a control character YAML does not allow"},
      {"yaml-syntax", E, R, "the file is not valid YAML"},
      {"empty-file", E, R, "the file holds no campaign"},
      {"multiple-documents", E, R, "more than one YAML document in the file"},
      {"too-deep", E, R, "nesting deeper than 32 levels"},
      {"too-many-nodes", E, R, "more than 200000 values once aliases are expanded"},
      {"internal", E, R, "an unexpected failure while reading (please report)"},
      {"wrong-type", E, C, "a value of the wrong type (map, list, string)"},
      {"unknown-key", E, C, "a key the format does not have"},
      {"missing-key", E, C, "a required key is missing"},
      {"duplicate-key", E, C, "a key, market or platform given twice"},
      {"value-too-long", E, C, "a string over 64 KiB"},
      {"bad-number", E, C, "not a whole number"},
      {"out-of-range", E, C, "a number outside its allowed range"},
      {"bad-date", E, C, "not a YYYY-MM-DD calendar date"},
      {"bad-id", E, C, "an id with characters or a length external_refs cannot carry"},
      {"unknown-market", E, C, "a market code that is not a supported ISO 3166-1 alpha-2 code"},
      {"unknown-platform", E, C, "a platform other than tiktok or instagram"},
      {"unknown-on-cancel", E, C, "an on_cancel other than block or replace"},
      {"unknown-language", E, C, "a language that is not an ISO 639-1 code"},
      {"unknown-reference", E, C, "a reference to a creator, media or market the file does not define"},
      {"unknown-text-key", E, C, "a caption or profile key that is neither a language nor a market"},
      {"media-source", E, C, "media without exactly one of file or url"},
      {"media-missing", E, C, "a media file that does not exist or cannot be read"},
      {"media-outside-root", E, C, "a media file outside the campaign file's directory (and any --media-root)"},
      {"media-not-file", E, C, "a media path that is a directory, FIFO, socket or device"},
      {"media-type", E, C, "a media file whose content is not a video (or image) type the API accepts"},
      {"bad-url", E, C, "a URL that is not http(s)"},
      {"duplicate-video", E, C, "two videos with the same id"},
      {"caption-missing", E, C, "no caption for a market the video targets"},
      {"missing-translation", E, C, "no visible name or biography for a market's language"},
      {"missing-date", E, C, "a video without publish_on and no defaults.schedule"},
      {"not-enough-slots", E, C, "more videos for a market than accounts x videos_per_account"},
      {"username-invalid", E, C, "a username that is not 1-24 of [A-Za-z0-9_.] after expansion"},
      {"username-duplicate", E, C, "two accounts on one platform would get the same username"},
      {"visible-name-too-long", E, C, "a visible name over 30 characters (or empty)"},
      {"biography-too-long", E, C, "a biography over 80 characters"},
      {"bad-ignore", E, C, "a lint ignore that names no rule or an error rule"},
      {"moved-unmatched", E, C, "a moved: entry whose 'to' names nothing in the file, or whose old id is still in it"},
      {"caption-not-localized", E, L, "the same caption text in two languages"},
      {"missing-disclosure", E, L, "a caption lacks its creator's disclosure (e.g. #ad)"},
      {"rights-market", E, L, "the creator's rights do not cover the market"},
      {"rights-platform", E, L, "the creator's rights do not cover the platform"},
      {"rights-expired", E, L, "a publish date after the creator's rights end"},
      {"caption-too-long", E, L, "a caption over the platform's character limit"},
      {"too-many-hashtags", E, L, "a caption over the platform's hashtag limit"},
      {"publish-date-past", E, L, "a publish date before --as-of"},
      {"publish-lead-time", E, L, "a publish date under 3 days after --as-of (new accounts)"},
      {"videos-per-day-exceeded", E, L, "more than 3 videos on one day in one bundle"},
      {"identical-caption", W, L, "the same caption on two accounts (markets or videos)"},
      {"too-many-posts-per-day", W, L, "more than 2 posts on one day for one account"},
      {"same-day-all-markets", W, L, "a video goes out the same day in every market"},
      {"promises-reach", W, L, "copy that promises reach or safety (\"guaranteed views\"), in 16 languages"},
  };
  return table;
}

const RuleInfo* find_rule(std::string_view id) {
  for (const auto& r : rule_table())
    if (id == r.id) return &r;
  return nullptr;
}

}  // namespace ugc::manifest
