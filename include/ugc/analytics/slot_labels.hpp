#pragma once
// The join of a slot back to the campaign file: for every slot external_ref the
// campaign expands to, its market, platform, campaign video, the video's creator
// (through its media) and the caption variant the market got. Pull stores these
// labels with each post snapshot, so later reads need no campaign file.
#include <map>
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/manifest/campaign.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::analytics {

struct SlotLabels {
  std::string bundle_ref;
  std::string market;    // canonical market code, as in the bundle ref
  std::string platform;  // "tiktok" | "instagram"
  std::string creator;
  std::string video;
  // The captions key the market's caption came from ("en", "GB", "*"); empty
  // when the video has a single caption, so there is nothing to compare.
  std::string caption_variant;
};

// Keyed by slot external_ref. Expands with the slot assignment `known`
// records, so slots keep the places the state gives them; `moved:` renames are
// applied by expand, so a renamed video's slot carries its new name.
Result<std::map<std::string, SlotLabels>> slot_labels(const manifest::Campaign& campaign,
                                                      const state::KnownResources& known);

}  // namespace ugc::analytics
