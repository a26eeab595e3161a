#include "ugc/events/lifecycle_update.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

#include "ugc/state/lifecycle.hpp"

namespace ugc::events {
namespace {

// Ranks along §8's order; they break ties between events of the same instant.
int bundle_rank(const std::string& s) {
  if (s == "pending_setup" || s == "draft") return 1;
  if (s == "published" || s == "published_priority") return 2;
  if (s == "accepted") return 3;
  if (s == "completed") return 4;
  if (s == "cancelled") return 5;
  if (s == "archived") return 6;
  return 0;
}

int account_rank(const std::string& s) {
  if (s == "pending") return 1;
  if (s == "configured") return 2;
  if (s == "published") return 3;
  if (s == "in_review" || s == "pending_corrections") return 4;
  if (s == "finalized") return 5;
  if (s == "banned") return 6;
  return 0;
}

int slot_rank(const std::string& s) {
  if (s == "pending" || s == "unscheduled") return 1;
  if (s == "configured") return 2;
  if (s == "published") return 3;
  if (s == "accepted") return 4;
  if (s == "in_review" || s == "pending_corrections") return 5;
  if (s == "finalized") return 6;
  if (s == "cancelled") return 7;
  return 0;
}

using RankFn = int (*)(const std::string&);

// Moves `stamp` to `status` set at `at` unless a newer event (or, at the same
// instant, a later status) set it already. True when it moved.
bool advance(state::StatusStamp& stamp, const std::string& status, const std::string& at, RankFn rank) {
  if (status.empty() || (stamp.status == status && stamp.at >= at)) return false;
  if (at < stamp.at) return false;
  if (at == stamp.at && rank(status) < rank(stamp.status)) return false;
  stamp = {status, at};
  return true;
}

// A string member of `data`, or empty (a missing member, null, or another type).
std::string text_of(const Json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const Json& data, const char* key) {
  auto it = data.find(key);
  if (it == data.end() || !it->is_number_integer()) return 0;
  const long long v = it->get<long long>();
  return v > 0 && v < 1000000 ? static_cast<int>(v) : 0;
}

bool digits(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The status a cancelled slot resumes with after a remake: before the manager
// took it, as it was; after, from acceptance (the new account posts again).
std::string resumed_status(const std::string& before) {
  if (before == "pending" || before == "configured" || before == "published") return before;
  return "accepted";
}

struct EventFacts {
  const WebhookEvent& event;
  const Json& data;
  std::string at;  // normalized created_at
};

Status cancel_open_slots(state::Store& store, const std::string& bundle_ref, const std::string& at) {
  auto slots = state::slot_lifecycles(store, bundle_ref);
  if (!slots) return slots.error();
  for (auto& s : *slots) {
    if (s.slot.status == "finalized" || s.slot.status == "cancelled" || at < s.slot.at) continue;
    s.status_before_cancel = s.slot.status;
    s.slot = {"cancelled", at};
    UGC_TRY(state::write_slot_lifecycle(store, s));
  }
  return {};
}

Status resume_cancelled_slots(state::Store& store, const std::string& bundle_ref, const std::string& at) {
  auto slots = state::slot_lifecycles(store, bundle_ref);
  if (!slots) return slots.error();
  for (auto& s : *slots) {
    if (s.slot.status != "cancelled" || s.status_before_cancel.empty() || at < s.slot.at) continue;
    s.slot = {resumed_status(s.status_before_cancel), at};
    s.status_before_cancel.clear();
    UGC_TRY(state::write_slot_lifecycle(store, s));
  }
  return {};
}

Status apply_cancel(state::Store& store, state::BundleLifecycle& b, const EventFacts& f) {
  if (!advance(b.bundle, "cancelled", f.at, bundle_rank)) return {};
  b.cancel_reason = text_of(f.data, "reason");
  if (b.cancel_reason.empty()) b.cancel_reason = "cancelled by TokPortal";
  return cancel_open_slots(store, b.ref, f.at);
}

Status apply_account_event(state::Store& store, state::BundleLifecycle& b, const EventFacts& f) {
  const std::string& type = f.event.type;
  const bool banned = type == "account.banned";
  const bool remade = type == "account.remade";
  std::string status = banned ? "banned" : text_of(f.data, "account_status");
  // A remake supersedes the ban it resolves even at the same instant.
  if (remade && f.at >= b.account.at && b.account.status == "banned") b.account.at.clear();
  const bool newest = f.at >= b.account.at;
  b.has_account = true;
  advance(b.account, status, f.at, account_rank);
  if (newest) {
    if (auto u = text_of(f.data, "username"); !u.empty()) b.username = u;
    if (auto id = text_of(f.data, "saved_account_id"); !id.empty()) b.saved_account_id = id;
  }
  if (banned) {
    std::string key = text_of(f.data, "ban_id");
    const std::string saved = text_of(f.data, "saved_account_id");
    if (key.empty()) key = "account:" + saved;
    UGC_TRY(state::record_account_ban(
        store, {key, b.ref, saved, text_of(f.data, "username"), text_of(f.data, "ban_status"), f.at}));
  }
  if (remade) {
    UGC_TRY(state::record_account_remake(store, {f.event.id, b.ref, text_of(f.data, "previous_saved_account_id"),
                                                 text_of(f.data, "saved_account_id"), f.at}));
    if (b.bundle.status == "cancelled" && b.cancel_reason == "account_banned" && f.at >= b.bundle.at) {
      b.bundle = {"accepted", f.at};
      b.cancel_reason.clear();
      UGC_TRY(resume_cancelled_slots(store, b.ref, f.at));
    }
  }
  return {};
}

Status apply_video_event(state::Store& store, const state::BundleLifecycle& b, const EventFacts& f) {
  const int position = int_of(f.data, "position");
  const std::string ref = text_of(f.data, "video_external_ref");
  auto slots = state::slot_lifecycles(store, b.ref);
  if (!slots) return slots.error();
  for (auto& s : *slots) {
    if (!(position ? s.position == position : (!ref.empty() && s.external_ref == ref))) continue;
    const bool newest = f.at >= s.slot.at;
    bool changed = advance(s.slot, text_of(f.data, "video_status"), f.at, slot_rank);
    if (newest) {
      if (auto id = text_of(f.data, "video_id"); !id.empty() && id != s.video_id) s.video_id = id, changed = true;
      if (auto url = text_of(f.data, "post_url"); !url.empty() && url != s.post_url) s.post_url = url, changed = true;
    }
    return changed ? state::write_slot_lifecycle(store, s) : Status{};
  }
  return {};
}

Status apply_to_bundle(state::Store& store, state::BundleLifecycle& b, const EventFacts& f) {
  const std::string& type = f.event.type;
  if (type == "bundle.cancelled") return apply_cancel(store, b, f);
  const bool about_bundle =
      type.rfind("bundle.", 0) == 0 || type.rfind("account.", 0) == 0 || type.rfind("video.", 0) == 0;
  if (!about_bundle) return {};
  // Every bundle, account and video event carries the bundle's status at that
  // time: the only news of `accepted`, which has no event of its own. Only
  // bundle.cancelled cancels (with its reason and the slots).
  if (const std::string status = text_of(f.data, "status"); status != "cancelled")
    advance(b.bundle, status, f.at, bundle_rank);
  if (type.rfind("account.", 0) == 0) {
    const bool known_status = type == "account.banned" || type == "account.remade" ||
                              type == "account.configured" || type == "account.published" ||
                              type == "account.in_review" || type == "account.pending_corrections" ||
                              type == "account.finalized";
    return known_status ? apply_account_event(store, b, f) : Status{};
  }
  if (type.rfind("video.", 0) == 0) return apply_video_event(store, b, f);
  return {};
}

}  // namespace

std::string normalized_event_time(const std::string& created_at) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)
  const std::string& s = created_at;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return s;
  std::string_view head(s.data(), 19);
  if (!digits(head.substr(0, 4)) || !digits(head.substr(5, 2)) || !digits(head.substr(8, 2)) ||
      !digits(head.substr(11, 2)) || !digits(head.substr(14, 2)) || !digits(head.substr(17, 2)))
    return s;
  std::string_view rest(s.data() + 19, s.size() - 19);
  std::string millis = "000";
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && std::isdigit(static_cast<unsigned char>(rest[n]))) ++n;
    std::string fraction(rest.substr(1, n - 1));
    if (fraction.empty()) return s;
    fraction.resize(3, '0');
    millis = fraction.substr(0, 3);
    rest.remove_prefix(n);
  }
  if (rest != "Z" && rest != "+00:00") return s;
  return std::string(head) + "." + millis + "Z";
}

Status apply_lifecycle_event(state::Store& store, const WebhookEvent& event) {
  auto data_it = event.envelope.find("data");
  if (data_it == event.envelope.end() || !data_it->is_object()) return {};
  const Json& data = *data_it;
  auto found = state::find_bundle_lifecycle(store, text_of(data, "external_ref"), text_of(data, "bundle_id"),
                                            text_of(data, "saved_account_id"));
  if (!found) return found.error().with_context("applying event " + event.id);
  if (!*found) {
    spdlog::debug("event {} ({}) is about no bundle in the state", event.id, event.type);
    return {};
  }
  state::BundleLifecycle b = std::move(**found);
  const EventFacts facts{event, data, normalized_event_time(event.created_at)};
  UGC_TRY(apply_to_bundle(store, b, facts).context("applying event " + event.id + " (" + event.type + ")"));
  if (facts.at > b.last_event_at) b.last_event_at = facts.at;
  return state::write_bundle_lifecycle(store, b).context("applying event " + event.id);
}

}  // namespace ugc::events
