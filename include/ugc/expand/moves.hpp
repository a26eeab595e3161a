#pragma once
// `moved:` entries as the external_ref renames they mean. Users write the ids
// they renamed, so an entry's `to` may be:
// - a video id: every slot of that video is renamed from
//   `<campaign>-<from>-<market>-<platform>`;
// - a market key (as written or canonical): its bundles and slots are renamed
//   from the refs the old market code gave them;
// - a creator id: nothing is renamed (external_refs do not name creators), the
//   entry is only checked;
// - a full external_ref of a bundle or slot the file expands to: that one ref.
// An entry whose `to` names nothing in the file, or whose `from` is still in
// the file, is a problem that says what the entry could have meant.
#include <string>
#include <vector>

#include "ugc/expand/desired.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::expand {

struct MoveProblem {
  manifest::SourceLocation where;
  std::string message;
};

struct ResolvedMoves {
  std::vector<manifest::Move> renames;  // external_ref -> external_ref, in file order
  std::vector<MoveProblem> problems;
};

// `bundles` and `slots` are what the campaign expands to (slots need only
// their ref, video, market and platform: places are not needed).
ResolvedMoves resolve_moves(const manifest::Campaign& campaign, const std::vector<DesiredBundle>& bundles,
                            const std::vector<DesiredSlot>& slots);

}  // namespace ugc::expand
