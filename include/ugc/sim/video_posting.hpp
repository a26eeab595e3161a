#pragma once
// Video progression after publish (docs/tokportal-api.md §6, §8): the manager
// accepts a published slot, posts it on the delivered account (in_review, with
// posted_at and a post_url the first time), and the slot is finalized by the
// manager or the client. When each step is due is lifecycle_rules.hpp's
// business; these functions only apply it. Needs World::mu held.
#include <string>

#include "ugc/sim/world.hpp"

namespace ugc::sim {

// Manager step slot_accepted.
void accept_slot(VideoSlot& slot, TimePoint at);

// Manager step slot_in_review: the post (first time: posted_at, post_url and
// the saved account it went out on) or the resubmission after corrections.
// Emits video.in_review.
void submit_slot_for_review(World& world, Tenant& tenant, Bundle& bundle, VideoSlot& slot, TimePoint at);

// Manager auto-finalize, or the client's POST .../videos/{position}/finalize. Emits video.finalized.
void finalize_slot(World& world, Tenant& tenant, Bundle& bundle, VideoSlot& slot, TimePoint at);

// The public post URL of a posted video, derived from its id: TikTok
// `https://www.tiktok.com/@<username>/video/<19 digits>`, Instagram
// `https://www.instagram.com/reel/<11 chars>/`.
std::string post_url_for(const Bundle& bundle, const VideoSlot& slot, const std::string& username);

}  // namespace ugc::sim
