#include "ugc/expand/moves.hpp"

#include <algorithm>

#include "ugc/expand/expand.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/nearest_key.hpp"

namespace ugc::expand {
namespace {

using manifest::Campaign;
using manifest::Move;

class MoveResolver {
 public:
  MoveResolver(const Campaign& c, const std::vector<DesiredBundle>& bundles, const std::vector<DesiredSlot>& slots)
      : c_(c), bundles_(bundles), slots_(slots) {}

  ResolvedMoves run() {
    for (const Move& move : c_.moved) resolve(move);
    return std::move(out_);
  }

 private:
  void resolve(const Move& move) {
    if (move.from.empty() || move.to.empty() || move.from == move.to) return;  // reported by validation
    if (is_desired_ref(move.to)) {
      out_.renames.push_back(move);
    } else if (has_video(move.to)) {
      rename_video(move);
    } else if (const manifest::Market* m = c_.find_market(move.to)) {
      rename_market(move, *m);
    } else if (c_.find_creator(move.to)) {
      if (c_.find_creator(move.from)) still_there(move, "creator");
    } else {
      names_nothing(move);
    }
  }

  void rename_video(const Move& move) {
    if (has_video(move.from)) return still_there(move, "video");
    for (const DesiredSlot& s : slots_)
      if (s.video_id == move.to)
        out_.renames.push_back(
            Move{slot_external_ref(c_.id, move.from, s.market, s.platform), s.external_ref, move.where});
  }

  void rename_market(const Move& move, const manifest::Market& to) {
    const std::string from = manifest::canonical_market(move.from).value_or(move.from);
    if (c_.find_market(from)) return still_there(move, "market");
    for (const DesiredBundle& b : bundles_)
      if (b.market == to.code)
        out_.renames.push_back(Move{bundle_external_ref(c_.id, from, b.platform, b.index), b.external_ref, move.where});
    for (const DesiredSlot& s : slots_)
      if (s.market == to.code)
        out_.renames.push_back(
            Move{slot_external_ref(c_.id, s.video_id, from, s.platform), s.external_ref, move.where});
  }

  void still_there(const Move& move, const std::string& kind) {
    out_.problems.push_back({move.where, "moved: " + move.from + " -> " + move.to + ": " + kind + " '" + move.from +
                                             "' is still in the file; a rename moves what the old " + kind +
                                             " had to the new one, so remove '" + move.from +
                                             "' or this entry"});
  }

  void names_nothing(const Move& move) {
    std::vector<std::string> known;
    for (const auto& v : c_.videos) known.push_back(v.id);
    for (const auto& m : c_.markets) known.push_back(m.key_as_written);
    for (const auto& cr : c_.creators) known.push_back(cr.id);
    for (const auto& b : bundles_) known.push_back(b.external_ref);
    for (const auto& s : slots_) known.push_back(s.external_ref);
    std::string hint;
    if (auto near = manifest::nearest_key(move.to, known)) hint = "did you mean '" + *near + "'? ";
    out_.problems.push_back(
        {move.where, "moved: " + move.from + " -> " + move.to + ": '" + move.to +
                         "' is not a video id, market key, creator id or external_ref of this file; " + hint +
                         "'to' names what the file calls it now"});
  }

  bool is_desired_ref(const std::string& ref) const {
    auto same = [&ref](const auto& resource) { return resource.external_ref == ref; };
    return std::any_of(bundles_.begin(), bundles_.end(), same) || std::any_of(slots_.begin(), slots_.end(), same);
  }

  bool has_video(const std::string& id) const {
    return std::any_of(c_.videos.begin(), c_.videos.end(), [&](const manifest::Video& v) { return v.id == id; });
  }

  const Campaign& c_;
  const std::vector<DesiredBundle>& bundles_;
  const std::vector<DesiredSlot>& slots_;
  ResolvedMoves out_;
};

}  // namespace

ResolvedMoves resolve_moves(const Campaign& campaign, const std::vector<DesiredBundle>& bundles,
                            const std::vector<DesiredSlot>& slots) {
  return MoveResolver(campaign, bundles, slots).run();
}

}  // namespace ugc::expand
