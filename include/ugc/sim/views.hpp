#pragma once
// How world objects look on the wire: the JSON of a bundle, a video slot, a
// bundle account and a delivered account as GET/list/create responses (and
// webhook payloads) show them. One function per resource, so every endpoint
// that returns a bundle returns the same shape.
#include <string>

#include "ugc/core/json.hpp"
#include "ugc/sim/world.hpp"

namespace ugc::sim {

// The bundle object of §5.4, with the computed state fields and an `account` summary.
Json bundle_json(const Bundle& b);
// The video object of §6.1 (configuration fields, dates, status).
Json video_json(const Bundle& b, const VideoSlot& v);
// `data` of GET /bundles/{id}/account (§5.10).
Json bundle_account_json(const Bundle& b);
// The delivered account of §10.1.
Json saved_account_json(const SavedAccount& a);
// Identifiers every bundle-related webhook payload carries (§9.3).
Json bundle_event_data(const Bundle& b);

bool is_published_status(const std::string& status);  // published|published_priority|accepted|completed
int configured_video_count(const Bundle& b);           // slots configured or further along

// The caller's bundle `id`: 404 BUNDLE_NOT_FOUND, or 403 BUNDLE_NOT_OWNED when another key owns it.
Bundle& owned_bundle(World& world, Tenant& tenant, const std::string& id);
// Slot by a path `position` string: 400 if not a positive integer, 404 VIDEO_NOT_FOUND if absent.
VideoSlot& slot_at(Bundle& b, const std::string& position);

}  // namespace ugc::sim
