#include "ugc/sim/lifecycle_rules.hpp"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

namespace ugc::sim {
namespace k = lifecycle_keys;
namespace {

bool is_published(std::string_view status) {
  return status == "published" || status == "published_priority";
}

bool account_delivered(const BundleAccount& a) {
  return a.status == "in_review" || a.status == "pending_corrections" || a.status == "finalized";
}

std::optional<TimePoint> publish_time(const std::optional<std::string>& iso, const Json& ext) {
  if (iso) {
    if (auto t = parse_iso8601(*iso)) return t;
  }
  return ext_time(ext, k::published_at);
}

std::optional<TimePoint> post_time(const VideoSlot& slot, const ManagerTimings& timings) {
  if (!slot.target_publish_start_date) return std::nullopt;
  auto date = CivilDate::parse(*slot.target_publish_start_date);
  if (!date.ok()) return std::nullopt;
  return TimePoint(date->sys_days()) + timings.post_time_of_day;
}

// Candidate collector: keeps the earliest step (ties: first added).
struct Earliest {
  std::optional<ManagerStep> best;
  void offer(StepKind kind, std::optional<TimePoint> at, int position = 0) {
    if (!at) return;
    if (!best || *at < best->at) best = ManagerStep{kind, *at, position};
  }
};

bool slot_done(const VideoSlot& s) { return s.status == "finalized" || s.status == "cancelled"; }

std::optional<TimePoint> completion_time(const Bundle& b) {
  if (b.status != "accepted") return std::nullopt;
  TimePoint latest = ext_time(b.ext, k::accepted_at).value_or(TimePoint{});
  if (b.creates_account()) {
    if (b.account.status != "finalized") return std::nullopt;
    latest = std::max(latest, ext_time(b.account.ext, k::finalized_at).value_or(latest));
  }
  for (const auto& s : b.videos) {
    if (!slot_done(s)) return std::nullopt;
    latest = std::max(latest, ext_time(s.ext, k::finalized_at).value_or(latest));
  }
  return latest;
}

}  // namespace

const char* to_string(StepKind kind) {
  switch (kind) {
    case StepKind::bundle_accepted: return "bundle_accepted";
    case StepKind::account_in_review: return "account_in_review";
    case StepKind::account_finalized: return "account_finalized";
    case StepKind::slot_accepted: return "slot_accepted";
    case StepKind::slot_in_review: return "slot_in_review";
    case StepKind::slot_finalized: return "slot_finalized";
    case StepKind::bundle_completed: return "bundle_completed";
  }
  return "unknown";
}

std::optional<ManagerStep> next_manager_step(const Bundle& b, const ManagerTimings& timings) {
  Earliest next;
  if (is_published(b.status)) {
    if (auto t = publish_time(b.published_at, b.ext)) next.offer(StepKind::bundle_accepted, *t + timings.accept_after);
    return next.best;  // nothing else moves before acceptance
  }
  if (b.status != "accepted") return std::nullopt;
  const TimePoint accepted = ext_time(b.ext, k::accepted_at).value_or(TimePoint{});

  const BundleAccount& a = b.account;
  if (b.creates_account()) {
    if (a.status == "configured" || a.status == "pending") {
      next.offer(StepKind::account_in_review, accepted + timings.account_delivery_after);
    } else if (a.status == "in_review") {
      if (auto t = ext_time(a.ext, k::in_review_at)) next.offer(StepKind::account_finalized, *t + timings.review_window);
    } else if (a.status == "pending_corrections") {
      if (auto t = ext_time(a.ext, k::corrections_at))
        next.offer(StepKind::account_in_review, *t + timings.corrections_turnaround);
    }
  }
  const bool account_ready = !b.creates_account() || account_delivered(a);
  const TimePoint delivered = ext_time(a.ext, k::delivered_at).value_or(accepted);

  for (const auto& s : b.videos) {
    if (s.status == "published") {
      auto t = publish_time(s.published_at, s.ext);
      next.offer(StepKind::slot_accepted, std::max(accepted, t.value_or(accepted) + timings.accept_after), s.position);
    } else if (s.status == "accepted" && account_ready) {
      TimePoint at = std::max(ext_time(s.ext, k::accepted_at).value_or(accepted), delivered);
      if (auto p = post_time(s, timings)) at = std::max(at, *p);
      next.offer(StepKind::slot_in_review, at, s.position);
    } else if (s.status == "in_review") {
      if (auto t = ext_time(s.ext, k::in_review_at)) {
        next.offer(StepKind::slot_finalized, b.auto_finalize_videos ? *t : *t + timings.review_window, s.position);
      }
    } else if (s.status == "pending_corrections") {
      if (auto t = ext_time(s.ext, k::corrections_at))
        next.offer(StepKind::slot_in_review, *t + timings.corrections_turnaround, s.position);
    }
  }
  if (!next.best) next.offer(StepKind::bundle_completed, completion_time(b));
  return next.best;
}

bool stamp_observed_states(Bundle& b, TimePoint now) {
  bool changed = false;
  auto stamp = [&](Json& ext, const char* key) {
    if (!ext_time(ext, key)) {
      set_ext_time(ext, key, now);
      changed = true;
    }
  };
  if (is_published(b.status) && !publish_time(b.published_at, b.ext)) stamp(b.ext, k::published_at);
  if (b.status == "accepted") stamp(b.ext, k::accepted_at);
  if (b.account.status == "pending_corrections") stamp(b.account.ext, k::corrections_at);
  if (b.account.status == "in_review") stamp(b.account.ext, k::in_review_at);
  for (auto& s : b.videos) {
    if (s.status == "published" && !publish_time(s.published_at, s.ext)) stamp(s.ext, k::published_at);
    if (s.status == "pending_corrections") stamp(s.ext, k::corrections_at);
    if (s.status == "in_review") stamp(s.ext, k::in_review_at);
  }
  return changed;
}

namespace {

using Edge = std::pair<std::string_view, std::string_view>;

bool has_edge(const std::vector<Edge>& edges, std::string_view from, std::string_view to) {
  return std::find(edges.begin(), edges.end(), Edge{from, to}) != edges.end();
}

}  // namespace

bool bundle_transition_allowed(std::string_view from, std::string_view to) {
  static const std::vector<Edge> edges = {
      {"draft", "pending_setup"},         {"pending_setup", "published"},
      {"pending_setup", "published_priority"}, {"published", "pending_setup"},
      {"published_priority", "pending_setup"}, {"published", "accepted"},
      {"published_priority", "accepted"}, {"accepted", "completed"},
      {"accepted", "accepted"},  // remake after a ban keeps the bundle running
      {"cancelled", "accepted"},  // remake restores a bundle its ban cancelled
  };
  if (to == "cancelled") return from != "cancelled" && from != "completed" && from != "archived";
  if (to == "archived") return from != "archived";
  return has_edge(edges, from, to);
}

bool account_transition_allowed(std::string_view from, std::string_view to) {
  static const std::vector<Edge> edges = {
      {"pending", "configured"},       {"configured", "configured"},
      {"configured", "pending"},       {"configured", "in_review"},
      {"in_review", "finalized"},      {"in_review", "pending_corrections"},
      {"pending_corrections", "in_review"},
      {"finalized", "in_review"},      {"pending_corrections", "finalized"},  // remake re-delivers
  };
  return has_edge(edges, from, to);
}

bool slot_transition_allowed(std::string_view from, std::string_view to) {
  static const std::vector<Edge> edges = {
      {"pending", "configured"},        {"configured", "configured"},
      {"configured", "published"},      {"published", "configured"},  // unpublish of the bundle
      {"published", "accepted"},        {"accepted", "in_review"},
      {"in_review", "finalized"},       {"in_review", "pending_corrections"},
      {"pending_corrections", "in_review"}, {"configured", "pending"},
      {"published", "pending"},         {"accepted", "pending"},  // reset / unschedule
      {"cancelled", "accepted"},  // remake restores slots its ban cancelled
  };
  if (to == "cancelled") return from != "cancelled" && from != "finalized";
  return has_edge(edges, from, to);
}

std::optional<TimePoint> parse_iso8601(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':') {
    return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len, int& out) {
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc() && r.ptr == s.data() + pos + len;
  };
  int hh = 0, mm = 0, ss = 0;
  auto date = CivilDate::parse(s.substr(0, 10));
  if (!date.ok() || !num(11, 2, hh) || !num(14, 2, mm) || !num(17, 2, ss) || hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  std::chrono::milliseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    size_t end = pos + 1;
    int ms = 0, digits = 0;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[end] - '0'), ++digits;
      ++end;
    }
    if (end == pos + 1) return std::nullopt;
    while (digits < 3) ms *= 10, ++digits;
    frac = std::chrono::milliseconds(ms);
    pos = end;
  }
  const std::string_view zone = s.substr(pos);
  if (zone != "Z" && zone != "+00:00" && !zone.empty()) return std::nullopt;
  return TimePoint(date->sys_days()) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
         std::chrono::seconds(ss) + frac;
}

std::optional<TimePoint> ext_time(const Json& ext, const char* key) {
  if (!ext.is_object()) return std::nullopt;
  auto it = ext.find(key);
  if (it == ext.end() || !it->is_number_integer()) return std::nullopt;
  return TimePoint(std::chrono::seconds(it->get<std::int64_t>()));
}

void set_ext_time(Json& ext, const char* key, TimePoint t) {
  if (!ext.is_object()) ext = Json::object();
  ext[key] = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace ugc::sim
