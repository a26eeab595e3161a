#include "ugc/analytics/slot_labels.hpp"

#include "ugc/expand/account_profile.hpp"
#include "ugc/expand/expand.hpp"

namespace ugc::analytics {
namespace {

std::string caption_variant_of(const manifest::Video& video, const manifest::Market& market) {
  if (video.captions.by_key.size() <= 1) return "";
  const std::string* chosen = expand::localized_for(video.captions, market);
  for (const auto& [key, text] : video.captions.by_key)
    if (&text == chosen) return key;
  return "";
}

}  // namespace

Result<std::map<std::string, SlotLabels>> slot_labels(const manifest::Campaign& campaign,
                                                      const state::KnownResources& known) {
  expand::SlotAssignment previous;
  for (const auto& s : known.slots) previous[s.external_ref] = {s.bundle_ref, s.position};
  auto desired = expand::expand_campaign(campaign, previous);
  if (!desired) return desired.error();
  std::map<std::string, const manifest::Video*> videos;
  for (const auto& v : campaign.videos) videos[v.id] = &v;

  std::map<std::string, SlotLabels> out;
  for (const auto& slot : desired->slots) {
    SlotLabels l;
    l.bundle_ref = slot.bundle_ref;
    l.market = slot.market;
    l.platform = manifest::to_string(slot.platform);
    l.video = slot.video_id;
    const manifest::Video* video = videos.count(slot.video_id) ? videos[slot.video_id] : nullptr;
    const manifest::Market* market = campaign.find_market(slot.market);
    if (const manifest::Media* media = video ? campaign.find_media(video->media) : nullptr) l.creator = media->creator;
    if (video && market) l.caption_variant = caption_variant_of(*video, *market);
    out.emplace(slot.external_ref, std::move(l));
  }
  return out;
}

}  // namespace ugc::analytics
