#pragma once
// Desired resources: what a campaign file means in TokPortal terms (one bundle
// per market x platform x account, its account profile, and video slots),
// before anything is known about what exists. Produced by expand_campaign(),
// diffed against state by the planner.
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ugc/core/date.hpp"
#include "ugc/manifest/campaign.hpp"

namespace ugc::expand {

struct DesiredAccount {
  std::string username;
  std::string visible_name;
  std::string biography;
  std::string profile_picture_media;  // key into DesiredResources::media ("profile_picture")
};

struct DesiredBundle {
  std::string external_ref;  // <campaign>-<market>-<platform>-<n>
  std::string market;        // canonical alpha-2 code, e.g. "GB"
  manifest::Platform platform = manifest::Platform::tiktok;
  int index = 1;              // n, 1-based within market x platform
  int videos_quantity = 0;    // slots to buy (videos_per_account)
  std::string niche_warming;  // empty = none
  bool replace_on_cancel = false;  // the market's `on_cancel: replace`
  DesiredAccount account;
};

struct DesiredSlot {
  std::string external_ref;  // <campaign>-<video>-<market>-<platform>
  std::string bundle_ref;    // DesiredBundle::external_ref
  int position = 0;          // 1-based slot position within the bundle
  std::string video_id;
  std::string market;
  manifest::Platform platform = manifest::Platform::tiktok;
  std::string media;    // key into DesiredResources::media
  std::string caption;  // the localized caption for this market
  CivilDate publish_date;
  manifest::SourceLocation where;  // the video in the campaign file, for diagnostics
};

struct DesiredMedia {
  std::string id;        // campaign media key, or "profile_picture"
  std::string path;      // local file to upload; empty for url media
  std::string url;       // remote URL passed through
  std::string sha256;    // content hash of the local file
  std::string purpose;   // "video" or "profile_picture"
};

// Where a slot sits: kept across runs so that adding a video never moves one
// that already has a slot. Keyed by slot external_ref; unordered (looked up
// once per slot, and no use depends on its order). Views: the refs it names
// (state's records, or the resources it was made from) must outlive it
// (copying 200,000 recorded refs into it took ~40 ms of a plan).
struct SlotPlace {
  std::string_view bundle_ref;
  int position = 0;
};
using SlotAssignment = std::unordered_map<std::string_view, SlotPlace>;

struct DesiredResources {
  std::string campaign;
  std::vector<DesiredBundle> bundles;  // ordered by market (file order), platform, index
  std::vector<DesiredSlot> slots;      // ordered by bundle, then position
  std::vector<DesiredMedia> media;     // ordered by id; only media some slot or account uses
  std::vector<manifest::Move> moved;   // the file's `moved:` entries as external_ref renames (moves.hpp), file order

  const DesiredBundle* find_bundle(const std::string& external_ref) const;
  const DesiredSlot* find_slot(const std::string& external_ref) const;
};

}  // namespace ugc::expand
