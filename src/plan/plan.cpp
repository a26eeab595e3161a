#include "ugc/plan/plan.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "ugc/api/bundle_requests.hpp"

namespace ugc::plan {
namespace {

constexpr std::array<std::pair<ActionKind, const char*>, 11> kKindNames{{
    {ActionKind::upload_media, "upload_media"},
    {ActionKind::create_bundle, "create_bundle"},
    {ActionKind::create_bundles_bulk, "create_bundles_bulk"},
    {ActionKind::rename_bundle, "rename_bundle"},
    {ActionKind::configure_account, "configure_account"},
    {ActionKind::add_video_slots, "add_video_slots"},
    {ActionKind::configure_videos, "configure_videos"},
    {ActionKind::patch_video, "patch_video"},
    {ActionKind::publish_bundle, "publish_bundle"},
    {ActionKind::publish_videos, "publish_videos"},
    {ActionKind::unschedule_video, "unschedule_video"},
}};

}  // namespace

const char* to_string(ActionKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "unknown";
}

std::optional<ActionKind> parse_action_kind(std::string_view text) {
  for (const auto& [k, name] : kKindNames)
    if (text == name) return k;
  return std::nullopt;
}

const char* symbol_of(ActionKind kind) {
  switch (kind) {
    case ActionKind::upload_media:
    case ActionKind::create_bundle:
    case ActionKind::create_bundles_bulk:
    case ActionKind::add_video_slots:
      return "+";
    case ActionKind::rename_bundle:
    case ActionKind::configure_account:
    case ActionKind::configure_videos:
    case ActionKind::patch_video:
      return "~";
    case ActionKind::publish_bundle:
    case ActionKind::publish_videos:
      return "->";
    case ActionKind::unschedule_video:
      return "-";
  }
  return "?";
}

const char* to_string(TodaySource source) {
  switch (source) {
    case TodaySource::as_of: return "as-of";
    case TodaySource::server_date: return "server-date";
    case TodaySource::local_clock: return "local-clock";
  }
  return "local-clock";
}

std::optional<TodaySource> parse_today_source(std::string_view text) {
  for (auto s : {TodaySource::as_of, TodaySource::server_date, TodaySource::local_clock})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

const Action* Plan::find(const std::string& action_id) const {
  for (const auto& a : actions)
    if (a.id == action_id) return &a;
  return nullptr;
}

namespace {
// A plan read from a file may carry absurd numbers; its totals stop at the
// ends of int instead of overflowing.
void add_clamped(int& total, long long n) {
  total = static_cast<int>(std::clamp<long long>(total + n, std::numeric_limits<int>::min(),
                                                 std::numeric_limits<int>::max()));
}
}  // namespace

Totals compute_totals(const Plan& plan) {
  Totals t;
  for (const auto& a : plan.actions) {
    t.actions++;
    add_clamped(t.credits, a.credits);
    add_clamped(t.api_requests, a.request_count());
    switch (a.kind) {
      case ActionKind::create_bundle:
      case ActionKind::create_bundles_bulk:
        t.bundles_to_create += static_cast<int>(a.bundles.size());
        for (const auto& b : a.bundles) add_clamped(t.slots_to_buy, b.videos_quantity);
        break;
      case ActionKind::add_video_slots:
        for (const auto& r : a.requests) add_clamped(t.slots_to_buy, api::add_video_slots_quantity(r.body));
        break;
      case ActionKind::configure_videos: t.slots_to_configure += static_cast<int>(a.slots.size()); break;
      case ActionKind::patch_video: t.slots_to_patch += static_cast<int>(a.slots.size()); break;
      case ActionKind::unschedule_video: t.slots_to_unschedule += static_cast<int>(a.slots.size()); break;
      case ActionKind::upload_media: t.uploads++; break;
      default: break;
    }
  }
  t.blocked = static_cast<int>(plan.blocked.size());
  t.notes = static_cast<int>(plan.notes.size());
  return t;
}

}  // namespace ugc::plan
