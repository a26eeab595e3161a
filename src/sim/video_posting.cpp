#include "ugc/sim/video_posting.hpp"

#include "ugc/core/hash.hpp"
#include "ugc/sim/lifecycle_events.hpp"
#include "ugc/sim/lifecycle_rules.hpp"

namespace ugc::sim {
namespace {

// The username of the account the bundle's videos go out on, if delivered.
const std::string* posting_username(const Tenant& tenant, const Bundle& b) {
  const std::optional<std::string>& id = b.creates_account() ? b.saved_account_id : b.account_id;
  if (!id) return nullptr;
  auto it = tenant.saved_accounts.find(*id);
  return it == tenant.saved_accounts.end() ? nullptr : &it->second.username;
}

void mark_posted(const Tenant& tenant, const Bundle& b, VideoSlot& s, TimePoint at) {
  set_ext_time(s.ext, lifecycle_keys::posted_at, at);
  s.ext["posted_at_iso"] = iso8601(at);
  const std::string* user = posting_username(tenant, b);
  s.ext["post_url"] = post_url_for(b, s, user ? *user : "user");
  if (b.creates_account() && b.saved_account_id) s.ext["saved_account_id"] = *b.saved_account_id;
  else if (b.account_id) s.ext["saved_account_id"] = *b.account_id;
}

}  // namespace

void accept_slot(VideoSlot& s, TimePoint at) {
  s.status = "accepted";
  set_ext_time(s.ext, lifecycle_keys::accepted_at, at);
}

void submit_slot_for_review(World& world, Tenant& tenant, Bundle& b, VideoSlot& s, TimePoint at) {
  namespace k = lifecycle_keys;
  s.status = "in_review";
  set_ext_time(s.ext, k::in_review_at, at);
  if (!ext_time(s.ext, k::posted_at)) mark_posted(tenant, b, s, at);
  s.ext.erase(k::corrections_at);
  emit_at(world, tenant, "video.in_review", video_event_data(b, s), at);
}

void finalize_slot(World& world, Tenant& tenant, Bundle& b, VideoSlot& s, TimePoint at) {
  s.status = "finalized";
  set_ext_time(s.ext, lifecycle_keys::finalized_at, at);
  emit_at(world, tenant, "video.finalized", video_event_data(b, s), at);
}

std::string post_url_for(const Bundle& b, const VideoSlot& slot, const std::string& username) {
  const std::string h = sha256_hex("post:" + slot.id);
  if (b.platform == "instagram") {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    std::string code;
    for (int i = 0; i < 11; ++i)
      code.push_back(alphabet[std::stoi(h.substr(static_cast<size_t>(i) * 2, 2), nullptr, 16) & 63]);
    return "https://www.instagram.com/reel/" + code + "/";
  }
  std::string digits = "7";
  for (int i = 0; digits.size() < 19; ++i)
    digits.push_back(static_cast<char>('0' + std::stoi(h.substr(static_cast<size_t>(i), 1), nullptr, 16) % 10));
  return "https://www.tiktok.com/@" + username + "/video/" + digits;
}

}  // namespace ugc::sim
