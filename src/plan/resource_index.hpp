#pragma once
// The desired and known resources of one planning run, indexed the ways the
// planner looks them up: media by id and by (key, purpose), slots by bundle,
// and each desired slot's known slot.
// Read-only once built; borrows `desired` and `known`, which must outlive it.
// Private to module plan.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "known_view.hpp"
#include "string_pair_less.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/plan/plan.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::plan {

// The key a media is uploaded and recorded under: its sha256, else its URL.
const std::string& media_key(const expand::DesiredMedia& media);

class ResourceIndex {
 public:
  ResourceIndex(const expand::DesiredResources& desired, const state::KnownResources& known);

  const expand::DesiredResources& desired() const { return desired_; }
  const state::KnownResources& known() const { return known_; }
  // Known bundles and slots after the file's `moved:` renames.
  const KnownView& view() const { return view_; }

  // The bundle's desired slots, by position: a run of desired().slots, which
  // expand orders by bundle.
  std::span<const expand::DesiredSlot> slots_of(const std::string& bundle_ref) const;
  const std::vector<const KnownView::Slot*>& known_slots_of(const std::string& bundle_ref) const;
  // The known slot of a desired slot's ref (after `moved:`), matched once here
  // so that no later step looks a slot up by its ref again; nullptr if none.
  const KnownView::Slot* known_of(const expand::DesiredSlot& slot) const {
    if (known_of_desired_.empty()) return nullptr;
    return known_of_desired_[static_cast<std::size_t>(&slot - desired_.slots.data())];
  }

  const expand::DesiredMedia* media(const std::string& media_id) const;
  // The key the slot's media is recorded under (see media_key).
  const std::string& media_key_of(const expand::DesiredSlot& slot) const;
  const state::KnownMedia* known_media(const std::string& key, const std::string& purpose) const;
  // Media key of the bundle's profile picture; empty without one.
  std::string picture_key(const expand::DesiredBundle& bundle) const;
  // The video_url to send for a media: a known upload, a placeholder for an
  // upload in this plan, or the URL itself.
  std::string video_url_for(const std::string& media_id) const;
  // What a configure of `slot` sends and records, dated `date`.
  SlotRecord record_of(const expand::DesiredSlot& slot, const std::string& date) const;
  // Slots a bundle needs bought: videos_per_account, or more if a slot sits further.
  int quantity_to_buy(const expand::DesiredBundle& bundle) const;

 private:
  void index_bundle_runs();
  void match_known_slots();

  const expand::DesiredResources& desired_;
  const state::KnownResources& known_;
  KnownView view_;  // its slots' `desired` flags are set here
  // Hashed: looked up once or twice per slot, never iterated.
  std::unordered_map<std::string, const expand::DesiredMedia*> media_by_id_;
  std::map<std::pair<std::string, std::string>, const state::KnownMedia*, StringPairLess> known_media_;  // (key, purpose)
  // Indexed once: a per-bundle scan of all slots is quadratic at thousands of slots.
  std::unordered_map<std::string_view, std::span<const expand::DesiredSlot>> slots_by_bundle_;  // views of desired_
  std::vector<const KnownView::Slot*> known_of_desired_;  // by index in desired_.slots; empty when state has none
  std::unordered_map<std::string, std::vector<const KnownView::Slot*>> known_slots_by_bundle_;
};

}  // namespace ugc::plan
