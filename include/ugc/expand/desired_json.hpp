#pragma once
// DesiredResources as JSON: `ugc expand --format json` prints it and the plan
// JSON embeds it. Stable: every field always present (empty string when unset),
// arrays in DesiredResources order, so the same expansion prints byte-identical.
//
// {"campaign": str,
//  "bundles": [{"external_ref", "market", "platform", "index", "videos_quantity",
//               "niche_warming", "account": {"username", "visible_name", "biography",
//               "profile_picture_media"}}],
//  "slots":   [{"external_ref", "bundle_ref", "position", "video_id", "market",
//               "platform", "media", "caption", "publish_date"}],
//  "media":   [{"id", "path", "url", "sha256", "purpose"}],
//  "moved":   [{"from", "to"}]}
#include "ugc/core/json.hpp"
#include "ugc/expand/desired.hpp"

namespace ugc::expand {

Json to_json(const DesiredAccount& account);
Json to_json(const DesiredBundle& bundle);
Json to_json(const DesiredSlot& slot);
Json to_json(const DesiredMedia& media);
Json to_json(const DesiredResources& desired);

}  // namespace ugc::expand
