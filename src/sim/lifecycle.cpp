#include "ugc/sim/lifecycle.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <memory>
#include <thread>

#include "ugc/core/hash.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/routes.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace k = lifecycle_keys;
namespace {

constexpr int kMaxStepsPerBundle = 100000;  // a bug guard, far above any real bundle

// Delivered accounts report 2-letter countries ("US") while bundles use
// TokPortal codes ("USA"); §2 and §10.1 examples.
std::string delivered_country(const std::string& code) {
  if (code == "USA") return "US";
  if (code == "UK") return "GB";
  return code;
}

std::string profile_url(const std::string& platform, const std::string& username) {
  if (platform == "instagram") return "https://www.instagram.com/" + username + "/";
  return "https://www.tiktok.com/@" + username;
}

Event& emit_at(World& world, Tenant& tenant, std::string_view type, Json data, TimePoint at) {
  Event& e = world.emit(tenant, type, std::move(data));
  e.created_at = iso8601(at);
  return e;
}

Json account_event(const Bundle& b) {
  Json d = bundle_event_data(b);
  d["account_status"] = b.account.status;
  if (b.account.username) d["username"] = *b.account.username;
  return d;
}

Json video_event(const Bundle& b, const VideoSlot& s) {
  Json d = bundle_event_data(b);
  d["video_id"] = s.id;
  d["position"] = s.position;
  d["video_status"] = s.status;
  d["video_external_ref"] = s.config.value("external_ref", Json(nullptr));
  d["post_url"] = s.ext.value("post_url", Json(nullptr));
  return d;
}

SavedAccount& create_saved_account(World& world, Tenant& tenant, Bundle& b, TimePoint at) {
  const BundleAccount& a = b.account;
  SavedAccount s;
  s.id = world.new_uuid();
  s.platform = b.platform;
  s.username = a.username.value_or("user" + s.id.substr(0, 8));
  s.visible_name = a.visible_name.value_or(s.username);
  s.biography = a.biography.value_or("");
  s.profile_picture_url = a.profile_picture_url.value_or("");
  s.link_in_bio = a.link_in_bio;
  s.country = delivered_country(b.country);
  s.profile_url = profile_url(s.platform, s.username);
  s.tokmail_email = s.username + "@tokmail.sim";
  s.created_at = s.updated_at = iso8601(at);
  s.bundle_id = b.id;
  set_ext_time(s.ext, k::delivered_at, at);
  const std::string id = s.id;
  b.saved_account_id = id;
  return tenant.saved_accounts[id] = std::move(s);
}

const std::string* saved_username(const Tenant& tenant, const Bundle& b) {
  const std::optional<std::string>& id = b.creates_account() ? b.saved_account_id : b.account_id;
  if (!id) return nullptr;
  auto it = tenant.saved_accounts.find(*id);
  return it == tenant.saved_accounts.end() ? nullptr : &it->second.username;
}

void apply_step(World& world, Tenant& tenant, Bundle& b, const ManagerStep& step) {
  switch (step.kind) {
    case StepKind::bundle_accepted:
      b.status = "accepted";
      set_ext_time(b.ext, k::accepted_at, step.at);
      return;
    case StepKind::account_in_review: {
      BundleAccount& a = b.account;
      if (!b.saved_account_id) create_saved_account(world, tenant, b, step.at);
      a.status = "in_review";
      set_ext_time(a.ext, k::in_review_at, step.at);
      if (!ext_time(a.ext, k::delivered_at)) set_ext_time(a.ext, k::delivered_at, step.at);
      a.ext.erase(k::corrections_at);
      emit_at(world, tenant, "account.in_review", account_event(b), step.at);
      return;
    }
    case StepKind::account_finalized:
      b.account.status = "finalized";
      set_ext_time(b.account.ext, k::finalized_at, step.at);
      emit_at(world, tenant, "account.finalized", account_event(b), step.at);
      return;
    case StepKind::slot_accepted: {
      VideoSlot& s = *b.slot(step.position);
      s.status = "accepted";
      set_ext_time(s.ext, k::accepted_at, step.at);
      return;
    }
    case StepKind::slot_in_review: {
      VideoSlot& s = *b.slot(step.position);
      s.status = "in_review";
      set_ext_time(s.ext, k::in_review_at, step.at);
      if (!ext_time(s.ext, k::posted_at)) {
        set_ext_time(s.ext, k::posted_at, step.at);
        s.ext["posted_at_iso"] = iso8601(step.at);
        const std::string* user = saved_username(tenant, b);
        s.ext["post_url"] = post_url_for(b, s, user ? *user : "user");
        if (b.creates_account() && b.saved_account_id) s.ext["saved_account_id"] = *b.saved_account_id;
        else if (b.account_id) s.ext["saved_account_id"] = *b.account_id;
      }
      s.ext.erase(k::corrections_at);
      emit_at(world, tenant, "video.in_review", video_event(b, s), step.at);
      return;
    }
    case StepKind::slot_finalized: {
      VideoSlot& s = *b.slot(step.position);
      s.status = "finalized";
      set_ext_time(s.ext, k::finalized_at, step.at);
      emit_at(world, tenant, "video.finalized", video_event(b, s), step.at);
      return;
    }
    case StepKind::bundle_completed:
      b.status = "completed";
      set_ext_time(b.ext, k::completed_at, step.at);
      return;
  }
}

std::optional<double> to_double(const std::string& text) {
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The bundle `id` in any tenant (control routes carry no key): 404 otherwise.
std::pair<Tenant*, Bundle*> find_bundle(World& world, const std::string& id) {
  for (auto& [hash, tenant] : world.tenants) {
    if (Bundle* b = tenant.bundle(id)) return {&tenant, b};
  }
  fail(404, "BUNDLE_NOT_FOUND", "Bundle not found", Json{{"bundle_id", id}});
}

Reply fault_reply(const std::string& error, Json data) {
  if (!error.empty()) return Reply::error(409, "SIM_FAULT_NOT_APPLICABLE", error);
  return Reply::data(std::move(data));
}

class Ticker {
 public:
  Ticker(World& world, LifecycleOptions options) : world_(world), options_(options) {}
  ~Ticker() { stop(); }

  void start() {
    if (thread_.joinable()) return;
    thread_ = std::thread([this] { run(); });
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    auto interval = options_.tick;
    if (options_.speed_days_per_second > 0) {
      // The world clock has whole-second resolution; make every tick move it by >= 1 s.
      const double min_ms = 1000.0 / (options_.speed_days_per_second * 86400.0);
      interval = std::max(interval, std::chrono::milliseconds(static_cast<long>(std::ceil(min_ms))));
    }
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      {
        std::lock_guard world_lock(world_.mu);
        if (options_.speed_days_per_second > 0) {
          const double sim_seconds = options_.speed_days_per_second * 86400.0 *
                                     std::chrono::duration<double>(interval).count();
          world_.set_clock(world_.now() + std::chrono::seconds(static_cast<long>(sim_seconds)));
        } else {
          advance_lifecycle(world_, world_.now(), options_.timings);
        }
      }
      lock.lock();
    }
  }

  World& world_;
  const LifecycleOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

void register_fault_routes(Router& router, const LifecycleOptions& options) {
  router.control("POST", "/__sim/ban", [](Call& call) {
    const Json& body = fields::object_body(call);
    fields::reject_unknown(body, {"bundle_id", "account_id"});
    auto bundle_id = fields::opt_string(body, "bundle_id");
    auto account_id = fields::opt_string(body, "account_id");
    if (!bundle_id && !account_id) fields::invalid("bundle_id", "give bundle_id or account_id");
    if (bundle_id) {
      auto [tenant, b] = find_bundle(call.world, *bundle_id);
      const auto& saved = b->creates_account() ? b->saved_account_id : b->account_id;
      if (!saved) return fault_reply("bundle " + *bundle_id + " has no delivered account yet", nullptr);
      const std::string id = *saved;
      return fault_reply(inject_ban(call.world, *tenant, id), Json{{"saved_account_id", id}, {"banned", true}});
    }
    for (auto& [hash, tenant] : call.world.tenants) {
      if (tenant.saved_accounts.count(*account_id))
        return fault_reply(inject_ban(call.world, tenant, *account_id),
                           Json{{"saved_account_id", *account_id}, {"banned", true}});
    }
    fail(404, "SAVED_ACCOUNT_NOT_FOUND", "Delivered account not found", Json{{"account_id", *account_id}});
  });

  router.control("POST", "/__sim/remake", [](Call& call) {
    const Json& body = fields::object_body(call);
    fields::reject_unknown(body, {"bundle_id"});
    auto [tenant, b] = find_bundle(call.world, fields::req_string(body, "bundle_id"));
    std::string error = inject_remake(call.world, *tenant, *b);
    return fault_reply(error, Json{{"bundle_id", b->id}, {"saved_account_id", b->saved_account_id.value_or("")}});
  });

  router.control("POST", "/__sim/corrections", [](Call& call) {
    const Json& body = fields::object_body(call);
    fields::reject_unknown(body, {"bundle_id", "position", "comment"});
    auto [tenant, b] = find_bundle(call.world, fields::req_string(body, "bundle_id"));
    const int position = static_cast<int>(fields::opt_int(body, "position", 1, 100000).value_or(0));
    const std::string comment = fields::opt_string(body, "comment", 2000).value_or("Corrections requested (ugc sim)");
    if (position > 0 && !b->slot(position))
      fail(404, "VIDEO_NOT_FOUND", "No slot at that position", Json{{"position", position}});
    std::string error = inject_corrections(call.world, *tenant, *b, position, comment);
    return fault_reply(error, Json{{"bundle_id", b->id}, {"position", position ? Json(position) : Json(nullptr)},
                                   {"status", "pending_corrections"}});
  });

  router.control("POST", "/__sim/lifecycle/run", [options](Call& call) {
    const int steps = advance_lifecycle(call.world, call.world.now(), options.timings);
    return Reply::data(Json{{"steps", steps}, {"now", call.world.now_iso()}});
  });
}

// The client's review actions (§5.10, §6.7): finalize or ask corrections on
// an account / video that the manager submitted (`in_review`).
void register_review_routes(Router& router, const LifecycleOptions& options) {
  auto account_bundle = [](Call& c) -> Bundle& {
    Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    if (!b.creates_account())
      fail(404, "ACCOUNT_NOT_FOUND", "videos_only bundles have no account step", Json{{"bundle_id", b.id}});
    return b;
  };
  auto require_in_review = [](const std::string& status, const char* code) {
    if (status != "in_review")
      fail(409, code, "Only an item in review can be finalized or sent back for corrections",
           Json{{"current_status", status}});
  };
  auto read_corrections = [](Call& c) {
    const Json& body = fields::object_body(c);
    fields::reject_unknown(body, {"comment", "fields"});
    Json out = {{"comment", fields::req_string(body, "comment", 5000)}};
    if (body.contains("fields") && !body["fields"].is_null()) {
      if (!body["fields"].is_object()) fields::invalid("fields", "fields must be an object");
      out["fields"] = body["fields"];
    }
    return out;
  };
  const ManagerTimings timings = options.timings;

  router.post("/bundles/{id}/account/finalize", [=](Call& c) {
    fields::no_body(c);
    Bundle& b = account_bundle(c);
    require_in_review(b.account.status, "ACCOUNT_INVALID_STATUS");
    const TimePoint now = c.world.now();
    b.account.status = "finalized";
    set_ext_time(b.account.ext, k::finalized_at, now);
    emit_at(c.world, *c.tenant, "account.finalized", account_event(b), now);
    advance_lifecycle(c.world, now, timings);
    return Reply::data(bundle_account_json(b));
  });
  router.post("/bundles/{id}/account/corrections", [=](Call& c) {
    Json request = read_corrections(c);
    Bundle& b = account_bundle(c);
    require_in_review(b.account.status, "ACCOUNT_INVALID_STATUS");
    const TimePoint now = c.world.now();
    b.account.status = "pending_corrections";
    set_ext_time(b.account.ext, k::corrections_at, now);
    b.account.ext["corrections"] = request;
    Json d = account_event(b);
    d.update(request);
    emit_at(c.world, *c.tenant, "account.pending_corrections", d, now);
    return Reply::data(bundle_account_json(b));
  });
  router.post("/bundles/{id}/videos/{position}/finalize", [=](Call& c) {
    fields::no_body(c);
    Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    VideoSlot& s = slot_at(b, c.param("position"));
    require_in_review(s.status, "VIDEO_INVALID_STATUS");
    const TimePoint now = c.world.now();
    s.status = "finalized";
    set_ext_time(s.ext, k::finalized_at, now);
    emit_at(c.world, *c.tenant, "video.finalized", video_event(b, s), now);
    advance_lifecycle(c.world, now, timings);
    return Reply::data(video_json(b, s));
  });
  router.post("/bundles/{id}/videos/{position}/corrections", [=](Call& c) {
    Json request = read_corrections(c);
    Bundle& b = owned_bundle(c.world, *c.tenant, c.param("id"));
    VideoSlot& s = slot_at(b, c.param("position"));
    require_in_review(s.status, "VIDEO_INVALID_STATUS");
    const TimePoint now = c.world.now();
    s.status = "pending_corrections";
    set_ext_time(s.ext, k::corrections_at, now);
    s.ext["corrections"] = request;
    Json d = video_event(b, s);
    d.update(request);
    emit_at(c.world, *c.tenant, "video.pending_corrections", d, now);
    return Reply::data(video_json(b, s));
  });
}

}  // namespace

std::string post_url_for(const Bundle& b, const VideoSlot& slot, const std::string& username) {
  const std::string h = sha256_hex("post:" + slot.id);
  if (b.platform == "instagram") {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    std::string code;
    for (int i = 0; i < 11; ++i) code.push_back(alphabet[std::stoi(h.substr(static_cast<size_t>(i) * 2, 2), nullptr, 16) & 63]);
    return "https://www.instagram.com/reel/" + code + "/";
  }
  std::string digits = "7";
  for (int i = 0; digits.size() < 19; ++i) digits.push_back(static_cast<char>('0' + std::stoi(h.substr(static_cast<size_t>(i), 1), nullptr, 16) % 10));
  return "https://www.tiktok.com/@" + username + "/video/" + digits;
}

Result<LifecycleOptions> lifecycle_options_from(const std::map<std::string, std::string>& options) {
  LifecycleOptions out;
  auto number = [&](const char* key, double min, double max) -> Result<std::optional<double>> {
    auto it = options.find(key);
    if (it == options.end()) return std::optional<double>();
    auto v = to_double(it->second);
    if (!v || *v < min || *v > max)
      return invalid_input(std::string("--sim-opt ") + key + "=" + it->second + ": expected a number from " +
                           std::to_string(min) + " to " + std::to_string(max));
    return std::optional<double>(*v);
  };
  auto hours = [](double h) { return std::chrono::seconds(static_cast<long>(h * 3600.0)); };
  struct HourKey { const char* key; std::chrono::seconds* field; };
  const HourKey hour_keys[] = {
      {"manager_accept_hours", &out.timings.accept_after},
      {"account_delivery_hours", &out.timings.account_delivery_after},
      {"review_window_hours", &out.timings.review_window},
      {"corrections_hours", &out.timings.corrections_turnaround},
  };
  for (const auto& hk : hour_keys) {
    auto v = number(hk.key, 0, 24 * 365);
    if (!v.ok()) return v.error();
    if (*v) *hk.field = hours(**v);
  }
  auto speed = number("speed", 0, 3650);
  if (!speed.ok()) return speed.error();
  if (*speed) out.speed_days_per_second = **speed;
  auto tick = number("lifecycle_tick_ms", 10, 60000);
  if (!tick.ok()) return tick.error();
  if (*tick) out.tick = std::chrono::milliseconds(static_cast<long>(**tick));
  return out;
}

int advance_lifecycle(World& world, TimePoint now, const ManagerTimings& timings) {
  int applied = 0;
  for (auto& [hash, tenant] : world.tenants) {
    const size_t first_new_event = tenant.events.size();
    for (const auto& id : tenant.bundle_order) {
      Bundle* b = tenant.bundle(id);
      if (!b) continue;
      stamp_observed_states(*b, now);
      for (int guard = 0; guard < kMaxStepsPerBundle; ++guard) {
        auto step = next_manager_step(*b, timings);
        if (!step || step->at > now) break;
        apply_step(world, tenant, *b, *step);
        ++applied;
      }
    }
    // Bundles are walked one after another; keep the new events in time order.
    std::stable_sort(tenant.events.begin() + static_cast<long>(first_new_event), tenant.events.end(),
                     [](const Event& x, const Event& y) { return x.created_at < y.created_at; });
  }
  return applied;
}

std::string inject_ban(World& world, Tenant& tenant, const std::string& saved_account_id) {
  auto it = tenant.saved_accounts.find(saved_account_id);
  if (it == tenant.saved_accounts.end()) return "no delivered account " + saved_account_id;
  SavedAccount& acc = it->second;
  if (acc.banned) return "account " + saved_account_id + " is already banned";
  const TimePoint now = world.now();
  acc.banned = true;
  acc.status = "banned";
  acc.updated_at = iso8601(now);

  Json ban = {{"id", world.new_uuid()},
              {"account_id", acc.id},
              {"username", acc.username},
              {"platform", acc.platform},
              {"bundle_id", acc.bundle_id ? Json(*acc.bundle_id) : Json(nullptr)},
              {"order_id", nullptr},
              {"status", "no_appeal_banned"},
              {"reported_at", iso8601(now)},
              {"decided_at", iso8601(now)},
              {"updated_at", iso8601(now)},
              {"resolution", nullptr}};
  if (!tenant.ext.contains("account_bans")) tenant.ext["account_bans"] = Json::array();
  tenant.ext["account_bans"].push_back(ban);

  Json banned = {{"saved_account_id", acc.id}, {"account_id", nullptr}, {"bundle_id", nullptr},
                 {"platform", acc.platform}, {"username", acc.username}, {"ban_status", "no_appeal_banned"},
                 {"ban_id", ban["id"]}};
  if (acc.bundle_id) {
    if (Bundle* home = tenant.bundle(*acc.bundle_id)) banned = [&] {
        Json d = account_event(*home);
        d["ban_status"] = "no_appeal_banned";
        d["ban_id"] = ban["id"];
        return d;
      }();
  }
  emit_at(world, tenant, "account.banned", banned, now);

  for (const auto& id : tenant.bundle_order) {
    Bundle* b = tenant.bundle(id);
    if (!b) continue;
    const bool on_account = b->saved_account_id == acc.id || b->account_id == acc.id;
    if (!on_account || b->status == "completed" || b->status == "cancelled" || b->status == "archived") continue;
    b->status = "cancelled";
    b->ext["cancelled_reason"] = "account_banned";
    for (auto& s : b->videos) {
      if (s.status == "finalized" || s.status == "cancelled") continue;
      s.ext["status_before_ban"] = s.status;
      s.status = "cancelled";
    }
    Json d = bundle_event_data(*b);
    d["reason"] = "account_banned";
    emit_at(world, tenant, "bundle.cancelled", d, now);
  }
  return {};
}

std::string inject_remake(World& world, Tenant& tenant, Bundle& b) {
  if (!b.creates_account()) return "videos_only bundles have no account to remake";
  if (!b.saved_account_id) return "bundle " + b.id + " has no delivered account yet";
  const TimePoint now = world.now();
  const std::string previous = *b.saved_account_id;
  create_saved_account(world, tenant, b, now);
  BundleAccount& a = b.account;
  a.status = "in_review";
  set_ext_time(a.ext, k::in_review_at, now);
  set_ext_time(a.ext, k::delivered_at, now);
  a.ext.erase(k::finalized_at);
  a.ext.erase(k::corrections_at);
  if (b.status == "cancelled" || b.status == "completed") {
    b.status = "accepted";
    b.ext.erase("cancelled_reason");
    b.ext.erase(k::completed_at);
  }
  for (auto& s : b.videos) {
    if (s.status != "cancelled" || !s.ext.contains("status_before_ban")) continue;
    // The manager posts again on the new account: slots resume from acceptance.
    const std::string before = s.ext["status_before_ban"];
    s.status = (before == "pending" || before == "configured" || before == "published") ? before : "accepted";
    s.ext.erase("status_before_ban");
  }
  if (tenant.ext.contains("account_bans")) {
    for (auto& ban : tenant.ext["account_bans"]) {
      if (ban.value("account_id", std::string()) != previous) continue;
      ban["resolution"] = {{"resolution", "remake"}, {"reason_code", nullptr}, {"refund_credits", 0},
                           {"resolved_at", iso8601(now)}};
      ban["updated_at"] = iso8601(now);
    }
  }
  Json d = account_event(b);
  d["previous_saved_account_id"] = previous;
  emit_at(world, tenant, "account.remade", d, now);
  emit_at(world, tenant, "account.in_review", account_event(b), now);
  return {};
}

std::string inject_corrections(World& world, Tenant& tenant, Bundle& b, int position, const std::string& comment) {
  const TimePoint now = world.now();
  if (position == 0) {
    if (!b.creates_account()) return "videos_only bundles have no account step";
    if (b.account.status != "in_review") return "account is " + b.account.status + ", not in_review";
    b.account.status = "pending_corrections";
    set_ext_time(b.account.ext, k::corrections_at, now);
    b.account.ext["corrections_comment"] = comment;
    Json d = account_event(b);
    d["comment"] = comment;
    emit_at(world, tenant, "account.pending_corrections", d, now);
    return {};
  }
  VideoSlot& s = *b.slot(position);
  if (s.status != "in_review") return "video at position " + std::to_string(position) + " is " + s.status + ", not in_review";
  s.status = "pending_corrections";
  set_ext_time(s.ext, k::corrections_at, now);
  s.ext["corrections_comment"] = comment;
  Json d = video_event(b, s);
  d["comment"] = comment;
  emit_at(world, tenant, "video.pending_corrections", d, now);
  return {};
}

void install_lifecycle(Router& router, World& world, ServerHooks& hooks) {
  auto parsed = lifecycle_options_from(hooks.options);
  if (!parsed.ok()) spdlog::warn("{}; using the default lifecycle options", parsed.error().message());
  const LifecycleOptions options = parsed.ok() ? *parsed : LifecycleOptions{};
  world.clock_listeners.push_back(
      [timings = options.timings](World& w, TimePoint, TimePoint to) { advance_lifecycle(w, to, timings); });
  auto ticker = std::make_shared<Ticker>(world, options);
  hooks.on_start.push_back([ticker] { ticker->start(); });
  hooks.on_stop.push_back([ticker] { ticker->stop(); });
  register_fault_routes(router, options);
  register_review_routes(router, options);
}

}  // namespace ugc::sim
