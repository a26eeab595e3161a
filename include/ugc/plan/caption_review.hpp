#pragma once
// Captions for review: every caption a plan posts new or changes, grouped by
// campaign video, one localization (market) per row with its language, the
// platforms and dates it goes out on, the caption (the word diff when it
// changes) and the lint findings about it, so that one video's copy in every
// market reads side by side. The text and markdown renderers show it.
//
// Built from the plan's slot records alone (market and platform come from the
// slot's external_ref, <campaign>-<video>-<market>-<platform>); the campaign,
// when given, adds each market's language and the campaign's order of videos
// and markets, and lint findings are placed beside the video and market they
// are about. Blocked caption changes are not here (the plan's blocked list
// shows them): this is what will be posted.
#include <optional>
#include <string>
#include <vector>

#include "ugc/manifest/campaign.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

struct CaptionFinding {
  std::string severity;  // "error" | "warning"
  std::string rule;      // lint rule id
  std::string message;   // without the video's name (the group says it)
};

struct CaptionPost {
  std::string platform;  // "tiktok" | "instagram"
  std::string date;      // YYYY-MM-DD, as apply sends it
  std::string slot_ref;
};

struct Localization {
  std::string market;                 // canonical code
  std::string language;               // empty without a campaign
  std::optional<std::string> before;  // the caption the slot has now; unset for a new slot
  std::string caption;
  std::vector<CaptionPost> posts;        // every slot of this market posting this caption
  std::vector<CaptionFinding> findings;  // lint about this market (caption, rights, date)
};

struct VideoCaptions {
  std::string video;
  std::vector<Localization> localizations;
  std::vector<CaptionFinding> findings;  // lint about the video as a whole
};

struct CaptionReview {
  std::vector<VideoCaptions> videos;
  int new_captions = 0;      // localizations of new slots
  int changed_captions = 0;  // localizations whose caption changes
  int errors = 0;            // findings shown, by severity
  int warnings = 0;
  bool empty() const { return videos.empty(); }
};

// The review of `plan`. `campaign` may be null (then no languages, plan order).
CaptionReview review_captions(const Plan& plan, const manifest::Campaign* campaign = nullptr,
                              const std::vector<manifest::LintFinding>& lint = {});

// "3 videos: 20 new, 2 changed; lint: 1 error, 2 warnings".
std::string caption_review_line(const CaptionReview& review);

}  // namespace ugc::plan
