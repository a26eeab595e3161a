#include "ugc/expand/expand.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "slot_assigner.hpp"
#include "ugc/expand/account_profile.hpp"
#include "ugc/expand/moves.hpp"

namespace ugc::expand {
namespace {

using manifest::Campaign;
using manifest::Market;
using manifest::Platform;
using manifest::SourceLocation;
using manifest::Video;

constexpr const char* kProfilePictureMedia = "profile_picture";

// Every problem of one expansion, reported together so the user fixes the file
// in one pass. Identical messages (one missing text seen by several bundles)
// are kept once.
class Problems {
 public:
  void add(const SourceLocation& where, const std::string& message) {
    std::string line = where.line > 0 ? where.str() + ": " + message : message;
    if (seen_.insert(line).second) lines_.push_back(std::move(line));
  }
  void add(const Error& error) {
    if (seen_.insert(error.message()).second) lines_.push_back(error.message());
  }
  bool empty() const { return lines_.empty(); }
  Error error(const std::string& campaign) const {
    std::string message = "campaign '" + campaign + "' does not expand (" + std::to_string(lines_.size()) +
                          (lines_.size() == 1 ? " problem):" : " problems):");
    for (const auto& line : lines_) message += "\n  " + line;
    return invalid_input(message);
  }

 private:
  std::vector<std::string> lines_;
  std::set<std::string> seen_;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The market's platforms once each, in a fixed order (tiktok, instagram)
// whatever order the file lists them in.
std::vector<Platform> ordered_platforms(const std::vector<Platform>& platforms) {
  std::vector<Platform> out = platforms;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void add_bundles(const Campaign& campaign, DesiredResources& out, Problems& problems) {
  std::map<std::pair<Platform, std::string>, std::string> owner_of_username;
  for (const Market& market : campaign.markets) {
    for (Platform platform : ordered_platforms(market.platforms)) {
      for (int n = 1; n <= market.accounts; ++n) {
        DesiredBundle bundle;
        bundle.external_ref = bundle_external_ref(campaign.id, market.code, platform, n);
        bundle.market = market.code;
        bundle.platform = platform;
        bundle.index = n;
        bundle.videos_quantity = market.videos_per_account;
        bundle.niche_warming = campaign.defaults.niche_warming;
        bundle.replace_on_cancel = market.on_cancel == manifest::OnCancel::replace;
        auto account = account_profile(campaign.accounts, market, platform, n);
        if (!account) {
          problems.add(account.error());
        } else {
          bundle.account = std::move(*account);
        }
        const std::string& username = bundle.account.username;
        if (!username.empty()) {
          auto [it, fresh] = owner_of_username.emplace(std::pair{platform, username}, bundle.external_ref);
          if (!fresh)
            problems.add(campaign.accounts.where,
                         "accounts.username '" + campaign.accounts.username_pattern + "' gives '" + username +
                             "' to both " + it->second + " and " + bundle.external_ref +
                             "; usernames must differ per platform (use {market} and {n})");
        }
        out.bundles.push_back(std::move(bundle));
      }
    }
  }
}

// The slots a campaign asks for, in file order, before they have a place
// (everything but bundle, position and date), and what placing them needs:
// index i of each vector is one slot. The slots vector becomes the output's,
// reordered in place: a second vector of 200,000 slots was a plan's peak.
struct SlotRequests {
  std::vector<DesiredSlot> slots;
  std::vector<const Video*> videos;
  std::vector<std::string> groups;  // group_key of the slot's market and platform
  std::size_t size() const { return slots.size(); }
};

bool rights_cover(const manifest::Rights& rights, const Market& market) {
  for (const auto& code : rights.markets)
    if (code == market.code || code == market.key_as_written) return true;
  return false;
}

std::vector<Platform> allowed_platforms(const manifest::Rights& rights, const Market& market) {
  std::vector<Platform> out;
  for (Platform p : ordered_platforms(market.platforms))
    if (std::find(rights.platforms.begin(), rights.platforms.end(), p) != rights.platforms.end())
      out.push_back(p);
  return out;
}

std::vector<std::string> market_codes(const Campaign& campaign) {
  std::vector<std::string> codes;
  for (const auto& m : campaign.markets) codes.push_back(m.code);
  return codes;
}

// What each creator's rights allow, worked out once per creator (and market)
// instead of once per video: every video of a creator scanned the rights of
// every market again.
class CreatorRights {
 public:
  explicit CreatorRights(const Campaign& campaign) : campaign_(campaign) {}

  // Every campaign market the rights cover on at least one of its platforms.
  const std::vector<const Market*>& default_markets(const manifest::Creator& creator) {
    auto [it, fresh] = default_markets_.try_emplace(&creator);
    if (fresh)
      for (const Market& market : campaign_.markets)
        if (rights_cover(creator.rights, market) && !platforms(creator, market).empty())
          it->second.push_back(&market);
    return it->second;
  }

  const std::vector<Platform>& platforms(const manifest::Creator& creator, const Market& market) {
    auto [it, fresh] = platforms_.try_emplace({&creator, &market});
    if (fresh) it->second = allowed_platforms(creator.rights, market);
    return it->second;
  }

 private:
  const Campaign& campaign_;
  std::map<const manifest::Creator*, std::vector<const Market*>> default_markets_;
  std::map<std::pair<const manifest::Creator*, const Market*>, std::vector<Platform>> platforms_;
};

// The markets a video goes to. Listed markets must exist and be covered by the
// creator's rights (an error otherwise: the user asked for it explicitly);
// the default is every campaign market the rights cover.
std::vector<const Market*> markets_of(const Campaign& campaign, const Video& video,
                                      const manifest::Creator& creator, CreatorRights& rights, Problems& problems) {
  if (video.markets.empty()) return rights.default_markets(creator);
  std::vector<const Market*> out;
  for (const auto& code : video.markets) {
    const Market* market = campaign.find_market(code);
    if (market == nullptr) {
      problems.add(video.where, "video '" + video.id + "' lists market '" + code +
                                    "', which is not under markets: (valid: " + join(market_codes(campaign)) + ")");
      continue;
    }
    if (std::find(out.begin(), out.end(), market) != out.end()) continue;
    if (!rights_cover(creator.rights, *market)) {
      problems.add(video.where, "video '" + video.id + "' lists market " + market->code + " but creator '" +
                                    creator.id + "' granted rights for " + join(creator.rights.markets) +
                                    " only");
      continue;
    }
    if (rights.platforms(creator, *market).empty()) {
      std::vector<std::string> names;
      for (Platform p : creator.rights.platforms) names.push_back(manifest::to_string(p));
      problems.add(video.where, "video '" + video.id + "' lists market " + market->code + " but creator '" +
                                    creator.id + "' granted rights for none of its platforms (rights: " +
                                    join(names) + ")");
      continue;
    }
    out.push_back(market);
  }
  return out;
}

SlotRequests slot_requests(const Campaign& campaign, Problems& problems, std::set<std::string>& used_media) {
  SlotRequests requests;
  CreatorRights rights(campaign);
  std::size_t platforms = 0;  // every video on every market's platforms at most
  for (const Market& market : campaign.markets) platforms += market.platforms.size();
  const std::size_t most = campaign.videos.size() * platforms;
  requests.slots.reserve(most);
  requests.videos.reserve(most);
  requests.groups.reserve(most);
  // Views of the requests' refs: `most` slots are reserved, so none moves.
  std::unordered_set<std::string_view> refs;
  refs.reserve(most);
  for (const Video& video : campaign.videos) {
    const manifest::Media* media = campaign.find_media(video.media);
    if (media == nullptr) {
      problems.add(video.where, "video '" + video.id + "' uses media '" + video.media + "', which is not under media:");
      continue;
    }
    const manifest::Creator* creator = campaign.find_creator(media->creator);
    if (creator == nullptr) {
      problems.add(media->where, "media '" + media->id + "' names creator '" + media->creator +
                                     "', who is not under creators:");
      continue;
    }
    if (!video.publish_on && !campaign.defaults.schedule)
      problems.add(video.where, "video '" + video.id +
                                    "' has no publish_on and the campaign has no defaults.schedule; add either");
    used_media.insert(media->id);
    for (const Market* market : markets_of(campaign, video, *creator, rights, problems)) {
      const std::string* caption = localized_for(video.captions, *market);
      if (caption == nullptr) {
        problems.add(video.where, "video '" + video.id + "' has no caption for market " + market->code +
                                      " (language " + market->language + "); add a '" + market->language +
                                      "' or '" + market->code + "' caption");
        continue;
      }
      for (Platform platform : rights.platforms(*creator, *market)) {
        DesiredSlot slot;
        slot.external_ref = slot_external_ref(campaign.id, video.id, market->code, platform);
        slot.video_id = video.id;
        slot.market = market->code;
        slot.platform = platform;
        slot.media = media->id;
        slot.caption = *caption;
        slot.where = video.where;
        requests.slots.push_back(std::move(slot));
        if (!refs.insert(requests.slots.back().external_ref).second) {
          problems.add(video.where, "two slots would share external_ref '" + requests.slots.back().external_ref +
                                        "'; video ids must be unique");
          requests.slots.pop_back();
          continue;
        }
        requests.videos.push_back(&video);
        requests.groups.push_back(group_key(market->code, platform));
      }
    }
  }
  return requests;
}

// The `moved:` entries as external_ref renames (moves.hpp), their problems reported.
std::vector<manifest::Move> renames_of(const Campaign& campaign, const std::vector<DesiredBundle>& bundles,
                                       const SlotRequests& requests, Problems& problems) {
  if (campaign.moved.empty()) return {};
  ResolvedMoves resolved = resolve_moves(campaign, bundles, requests.slots);
  for (const auto& p : resolved.problems) problems.add(p.where, p.message);
  return std::move(resolved.renames);
}

// `moved:` applied to the recorded assignment: a renamed slot keeps its place
// under the new ref, and places in a renamed bundle follow the bundle.
SlotAssignment with_moves(const SlotAssignment& previous, const std::vector<manifest::Move>& moved) {
  SlotAssignment out = previous;
  for (const auto& move : moved) {
    if (auto it = out.find(move.from); it != out.end() && !out.count(move.to)) {
      SlotPlace place = it->second;
      out.erase(it);
      out.emplace(move.to, place);
    }
    for (auto& [ref, place] : out)
      if (place.bundle_ref == move.from) place.bundle_ref = move.to;
  }
  return out;
}

struct Shortage {
  const DesiredSlot* first = nullptr;
  int unplaced = 0;
};

// Reorders `items` so that items[k] is the former items[from[k]] (`from` a
// permutation): one move per item, following its cycles.
template <class T>
void permute(std::vector<T>& items, std::vector<std::size_t> from) {
  for (std::size_t start = 0; start < from.size(); ++start) {
    if (from[start] == start) continue;  // in place, or its cycle is done
    T held = std::move(items[start]);
    std::size_t k = start;
    for (std::size_t next = from[k]; next != start; next = from[k]) {
      items[k] = std::move(items[next]);
      from[k] = k;
      k = next;
    }
    items[k] = std::move(held);
    from[k] = k;
  }
}

// Steps 1 and 2 of place_slots: the recorded places (none in a fresh expansion).
void keep_recorded_places(SlotRequests& requests, const SlotAssignment& previous, SlotAssigner& assigner,
                          std::vector<bool>& placed) {
  // 1. Slots with a recorded place keep it, in file order.
  std::size_t recorded = 0;  // requests with a recorded place (refs are unique)
  for (std::size_t i = 0; i < requests.size(); ++i) {
    DesiredSlot& slot = requests.slots[i];
    auto it = previous.find(slot.external_ref);
    if (it == previous.end()) continue;
    ++recorded;
    if (assigner.keep(requests.groups[i], it->second)) {
      slot.bundle_ref = it->second.bundle_ref;
      slot.position = it->second.position;
      placed[i] = true;
    }
  }
  // 2. Places of slots the file no longer has stay taken. Usually there are
  // none: every recorded place was looked up above.
  if (recorded == previous.size()) return;
  std::unordered_set<std::string_view> desired_refs;  // views of the requests' refs
  desired_refs.reserve(requests.size());
  for (const DesiredSlot& slot : requests.slots) desired_refs.insert(slot.external_ref);
  for (const auto& [ref, place] : previous)
    if (!desired_refs.count(ref)) (void)assigner.reserve(place);
}

void place_slots(const Campaign& campaign, SlotRequests& requests, const SlotAssignment& previous,
                 DesiredResources& out, Problems& problems) {
  SlotAssigner assigner(out.bundles);
  std::vector<bool> placed(requests.size(), false);
  if (!previous.empty()) keep_recorded_places(requests, previous, assigner, placed);
  // 3. New slots, in file order.
  std::map<std::string, Shortage> shortages;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (placed[i]) continue;
    DesiredSlot& slot = requests.slots[i];
    if (auto place = assigner.place_new(requests.groups[i])) {
      slot.bundle_ref = place->bundle_ref;
      slot.position = place->position;
      placed[i] = true;
    } else {
      Shortage& shortage = shortages[requests.groups[i]];
      if (shortage.first == nullptr) shortage.first = &slot;
      ++shortage.unplaced;
    }
  }
  for (const auto& [group, shortage] : shortages) {
    const Market* market = campaign.find_market(shortage.first->market);
    int taken = assigner.taken(group);
    problems.add(shortage.first->where,
                 "no free slot for video '" + shortage.first->video_id + "' in " + group + ": " +
                     std::to_string(assigner.bundle_count(group)) + " accounts x " +
                     std::to_string(market ? market->videos_per_account : 0) + " videos_per_account = " +
                     std::to_string(assigner.capacity(group)) + " slots, " + std::to_string(taken) +
                     " taken, " + std::to_string(taken + shortage.unplaced) +
                     " needed; raise accounts or videos_per_account of market " + shortage.first->market);
  }
  // Output order: bundle (file order), then position; one sort of small keys
  // instead of a growing vector per bundle (200,000 slots moved once).
  std::unordered_map<std::string_view, std::size_t> bundle_order;  // views of out.bundles' refs
  bundle_order.reserve(out.bundles.size());
  for (std::size_t i = 0; i < out.bundles.size(); ++i) bundle_order.emplace(out.bundles[i].external_ref, i);
  struct SlotOrder {
    std::size_t bundle;
    int position;
    std::size_t request;
  };
  std::vector<SlotOrder> order;
  order.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (!placed[i]) continue;
    DesiredSlot& slot = requests.slots[i];
    const Video& video = *requests.videos[i];
    if (video.publish_on) {
      slot.publish_date = *video.publish_on;
    } else if (const auto& schedule = campaign.defaults.schedule) {
      slot.publish_date = schedule->start.plus_days(schedule->every_days * (slot.position - 1));
    }
    order.push_back(SlotOrder{bundle_order.at(slot.bundle_ref), slot.position, i});
  }
  std::sort(order.begin(), order.end(), [](const SlotOrder& a, const SlotOrder& b) {
    return a.bundle != b.bundle ? a.bundle < b.bundle : a.position < b.position;
  });
  // The slots in that order, the unplaced ones (an error) last and dropped.
  std::vector<std::size_t> from;
  from.reserve(requests.size());
  for (const SlotOrder& o : order) from.push_back(o.request);
  for (std::size_t i = 0; i < requests.size(); ++i)
    if (!placed[i]) from.push_back(i);
  permute(requests.slots, std::move(from));
  requests.slots.resize(order.size());
  out.slots = std::move(requests.slots);
}

void add_media(const Campaign& campaign, const std::set<std::string>& used_media, DesiredResources& out,
               Problems& problems) {
  for (const auto& id : used_media) {  // std::set: already ordered by id
    const manifest::Media* media = campaign.find_media(id);
    out.media.push_back(DesiredMedia{media->id, media->path, media->url, media->sha256, "video"});
  }
  const auto& accounts = campaign.accounts;
  if (accounts.profile_picture.empty()) return;
  if (used_media.count(kProfilePictureMedia)) {
    problems.add(accounts.where, std::string("media key '") + kProfilePictureMedia +
                                     "' is reserved for accounts.profile_picture; rename that media");
    return;
  }
  DesiredMedia picture{kProfilePictureMedia, accounts.profile_picture_path,
                       accounts.profile_picture_path.empty() ? accounts.profile_picture : std::string(),
                       accounts.profile_picture_sha256, "profile_picture"};
  auto at = std::lower_bound(out.media.begin(), out.media.end(), picture.id,
                             [](const DesiredMedia& m, const std::string& id) { return m.id < id; });
  out.media.insert(at, std::move(picture));
}

}  // namespace

std::string bundle_external_ref(const std::string& campaign, const std::string& market, Platform platform, int n) {
  return campaign + "-" + market + "-" + manifest::to_string(platform) + "-" + std::to_string(n);
}

std::string slot_external_ref(const std::string& campaign, const std::string& video, const std::string& market,
                              Platform platform) {
  // Appended into one reserved string: the chain of `+` allocated a
  // temporary per part, once per slot.
  const std::string_view platform_name = manifest::to_string(platform);
  std::string ref;
  ref.reserve(campaign.size() + video.size() + market.size() + platform_name.size() + 3);
  ref.append(campaign).append(1, '-').append(video).append(1, '-').append(market).append(1, '-').append(platform_name);
  return ref;
}

Result<DesiredResources> expand_campaign(const Campaign& campaign, const SlotAssignment& previous) {
  Problems problems;
  DesiredResources out;
  out.campaign = campaign.id;
  add_bundles(campaign, out, problems);
  std::set<std::string> used_media;
  auto requests = slot_requests(campaign, problems, used_media);
  out.moved = renames_of(campaign, out.bundles, requests, problems);
  if (out.moved.empty())
    place_slots(campaign, requests, previous, out, problems);  // spares a copy of every recorded place
  else
    place_slots(campaign, requests, with_moves(previous, out.moved), out, problems);
  add_media(campaign, used_media, out, problems);
  if (!problems.empty()) return problems.error(campaign.id);
  return out;
}

SlotAssignment assignment_of(const DesiredResources& desired) {
  SlotAssignment out;
  for (const auto& slot : desired.slots) out.emplace(slot.external_ref, SlotPlace{slot.bundle_ref, slot.position});
  return out;
}

}  // namespace ugc::expand
