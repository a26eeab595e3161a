#include "resource_index.hpp"

#include <algorithm>
#include <stdexcept>

#include "request_bodies.hpp"

namespace ugc::plan {

const std::string& media_key(const expand::DesiredMedia& media) {
  if (!media.sha256.empty()) return media.sha256;
  if (!media.url.empty()) return media.url;
  return media.id;
}

ResourceIndex::ResourceIndex(const expand::DesiredResources& desired, const state::KnownResources& known)
    : desired_(desired), known_(known), view_(make_known_view(desired, known)) {
  media_by_id_.reserve(desired.media.size());
  for (const auto& m : desired.media) media_by_id_[m.id] = &m;
  for (const auto& m : known.media) known_media_[{m.sha256, m.purpose}] = &m;
  index_bundle_runs();
  match_known_slots();
  for (const auto& [ref, ks] : view_.slots) known_slots_by_bundle_[ks.slot->bundle_ref].push_back(&ks);
}

void ResourceIndex::index_bundle_runs() {
  const auto& slots = desired_.slots;
  for (std::size_t begin = 0, end = 0; begin < slots.size(); begin = end) {
    const std::string& bundle = slots[begin].bundle_ref;
    for (end = begin + 1; end < slots.size() && slots[end].bundle_ref == bundle; ++end) {
    }
    if (!slots_by_bundle_.emplace(bundle, std::span(slots).subspan(begin, end - begin)).second)
      throw std::logic_error("desired slots of bundle " + bundle + " are not together (expand orders them by bundle)");
  }
}

// One lookup per desired slot, and none when state records no slot (a first plan).
void ResourceIndex::match_known_slots() {
  if (view_.slots.empty()) return;
  known_of_desired_.assign(desired_.slots.size(), nullptr);
  for (std::size_t i = 0; i < desired_.slots.size(); ++i) {
    auto it = view_.slots.find(desired_.slots[i].external_ref);
    if (it == view_.slots.end()) continue;
    it->second.desired = true;
    known_of_desired_[i] = &it->second;
  }
}

std::span<const expand::DesiredSlot> ResourceIndex::slots_of(const std::string& bundle_ref) const {
  auto it = slots_by_bundle_.find(bundle_ref);
  return it == slots_by_bundle_.end() ? std::span<const expand::DesiredSlot>() : it->second;
}

const std::vector<const KnownView::Slot*>& ResourceIndex::known_slots_of(const std::string& bundle_ref) const {
  static const std::vector<const KnownView::Slot*> no_known_slots;
  auto it = known_slots_by_bundle_.find(bundle_ref);
  return it == known_slots_by_bundle_.end() ? no_known_slots : it->second;
}

const expand::DesiredMedia* ResourceIndex::media(const std::string& media_id) const {
  auto it = media_by_id_.find(media_id);
  return it == media_by_id_.end() ? nullptr : it->second;
}

const state::KnownMedia* ResourceIndex::known_media(const std::string& key, const std::string& purpose) const {
  auto it = known_media_.find(StringViewPair{key, purpose});
  return it == known_media_.end() ? nullptr : it->second;
}

const std::string& ResourceIndex::media_key_of(const expand::DesiredSlot& slot) const {
  const expand::DesiredMedia* m = media(slot.media);
  return m ? media_key(*m) : slot.media;
}

std::string ResourceIndex::picture_key(const expand::DesiredBundle& bundle) const {
  if (bundle.account.profile_picture_media.empty()) return {};
  const expand::DesiredMedia* m = media(bundle.account.profile_picture_media);
  return m ? media_key(*m) : std::string();
}

std::string ResourceIndex::video_url_for(const std::string& media_id) const {
  const expand::DesiredMedia* m = media(media_id);
  if (!m) return {};
  if (m->path.empty() && !m->url.empty()) return m->url;
  const std::string& key = media_key(*m);
  if (const state::KnownMedia* k = known_media(key, "video"); k && !k->public_url.empty()) return k->public_url;
  return body::media_url(key);
}

SlotRecord ResourceIndex::record_of(const expand::DesiredSlot& slot, const std::string& date) const {
  SlotRecord r;
  r.external_ref = slot.external_ref;
  r.bundle_ref = slot.bundle_ref;
  r.position = slot.position;
  r.campaign_video = slot.video_id;
  r.media_key = media_key_of(slot);
  r.video_url = video_url_for(slot.media);
  r.caption = slot.caption;
  r.publish_date = date;
  return r;
}

int ResourceIndex::quantity_to_buy(const expand::DesiredBundle& bundle) const {
  int max_position = 0;
  for (const expand::DesiredSlot& s : slots_of(bundle.external_ref)) max_position = std::max(max_position, s.position);
  return std::max(bundle.videos_quantity, max_position);
}

}  // namespace ugc::plan
