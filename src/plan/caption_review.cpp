#include "ugc/plan/caption_review.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

namespace ugc::plan {
namespace {

// One slot whose caption is new or changes, as the plan's actions say it.
struct CaptionSlot {
  const SlotRecord* record;
  std::optional<std::string> before;
};

// The caption change of slot `r` in `a`, if it posts a new or changed caption.
// `changes` indexes a.changes by field (a configure has a few per slot, so a
// scan per slot would cost slots x changes).
std::optional<CaptionSlot> caption_slot_of(const Action& a, const SlotRecord& r,
                                           const std::unordered_map<std::string_view, const FieldChange*>& changes) {
  if (a.kind == ActionKind::patch_video) {
    for (const auto& c : a.changes)
      if (c.field == "caption") return CaptionSlot{&r, c.before};
    return std::nullopt;
  }
  const std::string slot = "slot " + std::to_string(r.position);
  const std::string caption = slot + " caption";
  // The first matching change in a.changes order wins, as a scan would find it.
  const FieldChange* new_slot = nullptr;
  if (auto it = changes.find(slot); it != changes.end() && !it->second->before) new_slot = it->second;
  const FieldChange* changed = nullptr;
  if (auto it = changes.find(caption); it != changes.end()) changed = it->second;
  if (new_slot && (!changed || new_slot < changed)) return CaptionSlot{&r, std::nullopt};  // a new slot
  if (changed) return CaptionSlot{&r, changed->before};
  return std::nullopt;
}

std::vector<CaptionSlot> caption_slots(const Plan& plan) {
  std::vector<CaptionSlot> out;
  std::unordered_map<std::string_view, const FieldChange*> changes;
  for (const auto& a : plan.actions) {
    if (a.kind != ActionKind::configure_videos && a.kind != ActionKind::patch_video) continue;
    changes.clear();
    for (const auto& c : a.changes) changes.emplace(c.field, &c);  // emplace keeps the first of a field
    for (const auto& r : a.slots)
      if (auto s = caption_slot_of(a, r, changes)) out.push_back(*s);
  }
  return out;
}

// <campaign>-<video>-<market>-<platform>: the last two parts.
std::pair<std::string, std::string> market_and_platform(const std::string& slot_ref) {
  const auto last = slot_ref.rfind('-');
  if (last == std::string::npos || last == 0) return {"?", slot_ref};
  const auto before = slot_ref.rfind('-', last - 1);
  const auto start = before == std::string::npos ? 0 : before + 1;
  return {slot_ref.substr(start, last - start), slot_ref.substr(last + 1)};
}

CaptionFinding finding_of(const manifest::LintFinding& f) {
  return {manifest::to_string(f.diagnostic.severity), f.diagnostic.rule, f.detail};
}

// Position of each key in a campaign's order; keys not in it rank past the
// end (then first-seen order, the sorts being stable).
using CaptionRanks = std::unordered_map<std::string, std::size_t>;
std::size_t rank(const CaptionRanks& ranks, const std::string& key) {
  auto it = ranks.find(key);
  return it == ranks.end() ? ranks.size() : it->second;
}

class ReviewBuilder {
 public:
  ReviewBuilder(const manifest::Campaign* campaign, const std::vector<manifest::LintFinding>& lint)
      : campaign_(campaign), lint_(lint) {
    for (const auto& f : lint_) lint_by_video_[f.video].push_back(&f);
    if (!campaign_) return;
    for (const auto& v : campaign_->videos) video_order_.emplace(v.id, video_order_.size());
    for (const auto& m : campaign_->markets) market_order_.emplace(m.code, market_order_.size());
  }

  void add(const CaptionSlot& s) {
    const SlotRecord& r = *s.record;
    const auto market_platform = market_and_platform(r.external_ref);
    const std::string& market = market_platform.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& platform = market_platform.second;
    VideoCaptions& v = video(r.campaign_video);
    auto it = std::find_if(v.localizations.begin(), v.localizations.end(), [&](const Localization& l) {
      return l.market == market && l.caption == r.caption && l.before == s.before;
    });
    if (it == v.localizations.end()) {
      v.localizations.push_back(Localization{market, language_of(market), s.before, r.caption, {}, {}});
      it = std::prev(v.localizations.end());
    }
    it->posts.push_back(CaptionPost{platform, r.publish_date, r.external_ref});
  }

  CaptionReview finish() {
    CaptionReview review;
    for (auto& v : videos_) {
      std::stable_sort(v.localizations.begin(), v.localizations.end(), [&](const auto& a, const auto& b) {
        return rank(market_order_, a.market) < rank(market_order_, b.market);
      });
      attach_findings(v);
      for (const auto& l : v.localizations) (l.before ? review.changed_captions : review.new_captions)++;
      review.videos.push_back(std::move(v));
    }
    std::stable_sort(review.videos.begin(), review.videos.end(), [&](const auto& a, const auto& b) {
      return rank(video_order_, a.video) < rank(video_order_, b.video);
    });
    for (const auto& v : review.videos) {
      count(review, v.findings);
      for (const auto& l : v.localizations) count(review, l.findings);
    }
    return review;
  }

 private:
  VideoCaptions& video(const std::string& id) {
    // Looked up before inserting: emplace would build (and drop) a node per slot.
    if (auto it = video_index_.find(id); it != video_index_.end()) return videos_[it->second];
    video_index_.emplace(id, videos_.size());
    videos_.push_back(VideoCaptions{id, {}, {}});
    return videos_.back();
  }

  std::string language_of(const std::string& market) const {
    const manifest::Market* m = campaign_ ? campaign_->find_market(market) : nullptr;
    return m ? m->language : "";
  }

  // A market finding goes to each of that market's rows; a video finding once
  // to the video; a market finding for a market with no row here to the video.
  void attach_findings(VideoCaptions& v) const {
    auto of_video = lint_by_video_.find(v.video);
    if (of_video == lint_by_video_.end()) return;
    for (const manifest::LintFinding* finding : of_video->second) {
      const manifest::LintFinding& f = *finding;
      bool placed = false;
      for (auto& l : v.localizations)
        if (!f.market.empty() && l.market == f.market) {
          l.findings.push_back(finding_of(f));
          placed = true;
        }
      if (!placed && f.market.empty()) v.findings.push_back(finding_of(f));
    }
  }

  static void count(CaptionReview& review, const std::vector<CaptionFinding>& findings) {
    for (const auto& f : findings) (f.severity == "error" ? review.errors : review.warnings)++;
  }

  const manifest::Campaign* campaign_;
  const std::vector<manifest::LintFinding>& lint_;
  CaptionRanks video_order_;
  CaptionRanks market_order_;
  std::unordered_map<std::string, std::vector<const manifest::LintFinding*>> lint_by_video_;
  std::vector<VideoCaptions> videos_;
  std::unordered_map<std::string, std::size_t> video_index_;  // video id -> position in videos_
};

std::string counted(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

CaptionReview review_captions(const Plan& plan, const manifest::Campaign* campaign,
                              const std::vector<manifest::LintFinding>& lint) {
  ReviewBuilder builder(campaign, lint);
  for (const auto& s : caption_slots(plan)) builder.add(s);
  return builder.finish();
}

std::string caption_review_line(const CaptionReview& review) {
  std::string out = counted(static_cast<int>(review.videos.size()), "video", "videos") + ": " +
                    std::to_string(review.new_captions) + " new, " + std::to_string(review.changed_captions) +
                    " changed";
  if (review.errors + review.warnings > 0)
    out += "; lint: " + counted(review.errors, "error", "errors") + ", " +
           counted(review.warnings, "warning", "warnings");
  return out;
}

}  // namespace ugc::plan
