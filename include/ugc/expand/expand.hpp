#pragma once
// Expansion: what a campaign file means in TokPortal terms. A pure function of
// the Campaign and the slot assignment recorded so far; no I/O, no clock, so
// the same inputs always give the same DesiredResources, in the same order.
//
// - One bundle per market x platform x account, external_ref
//   `<campaign>-<market>-<platform>-<n>` (market = canonical alpha-2 code, n 1-based),
//   buying `videos_per_account` slots, with the account profile from `accounts:`.
// - One slot per video per market (`video.markets`, or every campaign market the
//   creator's rights allow) per platform of that market the rights allow,
//   external_ref `<campaign>-<video>-<market>-<platform>`.
// - Slots never move: a slot keeps the place `previous` gives it as long as that
//   bundle and position still exist. A place in `previous` whose slot the file no
//   longer has stays taken too (it may hold a posted video); it is freed when the
//   state forgets it. A new slot goes to the bundle of its market x platform with
//   the most free positions (ties: lowest n), at that bundle's lowest free position.
// - `moved:` entries (ids or external_refs, moves.hpp) re-key `previous` first,
//   so a renamed video keeps its place.
// - publish_date = video.publish_on, else schedule.start + every_days * (position - 1).
//
// Every problem found (missing caption, no free slot, bad username, ...) is
// reported at once in one invalid_input Error, one line per problem, each
// starting with file:line:column when known.
#include <string>

#include "ugc/core/result.hpp"
#include "ugc/expand/desired.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::expand {

Result<DesiredResources> expand_campaign(const manifest::Campaign& campaign,
                                         const SlotAssignment& previous = {});

// The place of every slot in `desired`: what to pass as `previous` next time
// (the state store records the same thing).
SlotAssignment assignment_of(const DesiredResources& desired);

// `<campaign>-<market>-<platform>-<n>` and `<campaign>-<video>-<market>-<platform>`.
std::string bundle_external_ref(const std::string& campaign, const std::string& market,
                                manifest::Platform platform, int n);
std::string slot_external_ref(const std::string& campaign, const std::string& video,
                              const std::string& market, manifest::Platform platform);

}  // namespace ugc::expand
