#include "ugc/plan/diff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "known_view.hpp"
#include "request_bodies.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/plan/date_rules.hpp"

namespace ugc::plan {
namespace {

using expand::DesiredBundle;
using expand::DesiredMedia;
using expand::DesiredResources;
using expand::DesiredSlot;
using state::KnownBundle;
using state::KnownSlot;

std::optional<std::string> some(const std::string& s) { return s; }
constexpr std::nullopt_t none = std::nullopt;

// ---- what one bundle needs, decided before any action is built -----------

struct SlotWork {
  const DesiredSlot* want = nullptr;
  const KnownSlot* have = nullptr;  // nullptr: never configured
  std::string state_ref;            // ref state knows the slot by (differs after `moved:`)
  SlotRecord record;                // what is sent / recorded
  std::vector<FieldChange> changes;
  bool media_changed = false;
};

struct BundleWork {
  const DesiredBundle* want = nullptr;
  const KnownBundle* have = nullptr;  // nullptr: to create
  std::string state_ref;              // ref in state (differs when renamed by `moved:`)
  std::string country;
  bool delivered = false;
  CivilDate earliest;
  bool publishable_account = false;   // every field publish requires is in the file

  bool configure_account = false;
  std::string account_reason;
  std::vector<FieldChange> account_changes;
  int add_slots = 0;
  std::vector<SlotWork> configure;  // batch PUT
  std::vector<SlotWork> patch;      // PATCH, one request each
  std::vector<const KnownSlot*> publish_known;  // configured in state, not yet published
  bool publish = false;  // the bundle goes pending_setup -> published in this plan

  // Filled while building actions.
  std::string create_action;
  std::string rename_action;
  std::string account_action;
};

const std::string& media_key(const DesiredMedia& m) {
  if (!m.sha256.empty()) return m.sha256;
  if (!m.url.empty()) return m.url;
  return m.id;
}

class Planner {
 public:
  Planner(const DesiredResources& desired, const state::KnownResources& known, const PlanInputs& inputs)
      : desired_(desired), known_(known), inputs_(inputs), view_(make_known_view(desired, known)) {
    for (const auto& m : desired.media) media_by_id_[m.id] = &m;
    for (const auto& m : known.media) known_media_[{m.sha256, m.purpose}] = &m;
    for (const auto& s : desired.slots) {
      slots_by_bundle_[s.bundle_ref].push_back(&s);
      desired_slot_refs_.insert(s.external_ref);
    }
    for (const auto& [ref, ks] : view_.slots) known_slots_by_bundle_[ks.slot.bundle_ref].push_back(&ks);
  }

  Plan run() {
    plan_.campaign = desired_.campaign;
    plan_.campaign_file = inputs_.campaign_file;
    plan_.campaign_sha256 = inputs_.campaign_sha256;
    plan_.state_serial = known_.serial;
    plan_.today = inputs_.today;
    plan_.today_source = inputs_.today_source;
    plan_.costs = inputs_.costs;
    for (const auto& n : view_.notes) plan_.notes.push_back(n);

    for (const auto& b : desired_.bundles) decide_bundle(b);
    emit_renames();
    emit_creates();
    emit_uploads();
    for (auto& w : work_) emit_bundle_actions(w);
    emit_removals();
    plan_.totals = compute_totals(plan_);
    return std::move(plan_);
  }

 private:
  // ---- decisions ----------------------------------------------------------

  void decide_bundle(const DesiredBundle& want) {
    BundleWork w;
    w.want = &want;
    w.country = manifest::tokportal_country_code(want.market);
    const auto& a = want.account;
    w.publishable_account = !a.username.empty() && !a.visible_name.empty() && !a.biography.empty() &&
                            !a.profile_picture_media.empty();
    if (auto it = view_.bundles.find(want.external_ref); it != view_.bundles.end()) {
      w.have = &it->second.bundle;
      w.state_ref = it->second.state_ref;
    }
    if (w.have && !check_bundle_identity(w)) return;
    w.delivered = w.have && account_delivered(*w.have);
    w.earliest = earliest_allowed(inputs_.today, w.delivered);
    if (w.have && is_closed(w.have->status)) {
      if (closed_bundle_has_work(w)) return;
    }
    decide_account(w);
    decide_slots(w);
    decide_publish(w);
    work_.push_back(std::move(w));
  }

  // Country and platform of a bundle are fixed at creation.
  bool check_bundle_identity(BundleWork& w) {
    const KnownBundle& have = *w.have;
    const std::string want_platform = manifest::to_string(w.want->platform);
    std::vector<FieldChange> changes;
    if (!have.market.empty() && have.market != w.want->market)
      changes.push_back({"country", some(have.country.empty() ? have.market : have.country), some(w.country)});
    if (!have.platform.empty() && have.platform != want_platform)
      changes.push_back({"platform", some(have.platform), some(want_platform)});
    if (changes.empty()) return true;
    int held = static_cast<int>(slots_of(w.want->external_ref).size());
    std::string reason = "TokPortal cannot change the country or platform of an existing bundle (" +
                         w.state_ref + " is " + (have.country.empty() ? have.market : have.country) + "/" +
                         have.platform + ")";
    if (held > 0) reason += "; its " + std::to_string(held) + " slot(s) in the file are held back too";
    std::string remedy = w.state_ref != w.want->external_ref
                             ? "remove the `moved:` entry " + w.state_ref + " -> " + w.want->external_ref +
                                   " so a new bundle is created (the old one stays as it is)"
                             : "keep the bundle's country and platform, or `ugc state rm " + w.state_ref +
                                   "` to forget it and plan a new bundle";
    plan_.blocked.push_back({"blocked:" + w.want->external_ref + ":identity", w.want->external_ref, reason, remedy,
                             changes});
    held_bundles_.insert(w.want->external_ref);
    return false;
  }

  static bool is_closed(const std::string& status) {
    return status == "completed" || status == "cancelled" || status == "archived";
  }
  static bool is_setup(const std::string& status) {
    return status.empty() || status == "pending_setup" || status == "draft";
  }
  static bool account_delivered(const KnownBundle& b) {
    if (!b.account) return false;
    const auto& s = b.account->status;
    return !b.account->saved_account_id.empty() || s == "in_review" || s == "pending_corrections" ||
           s == "finalized";
  }

  enum class SlotState { unconfigured, configured, scheduled, posted, cancelled };
  static SlotState slot_state(const std::string& status) {
    if (status == "configured") return SlotState::configured;
    if (status == "published" || status == "accepted") return SlotState::scheduled;
    if (status == "in_review" || status == "pending_corrections" || status == "finalized")
      return SlotState::posted;
    if (status == "cancelled") return SlotState::cancelled;
    return SlotState::unconfigured;  // "", "pending", "unscheduled"
  }

  // A completed/cancelled/archived bundle takes no change: block if the file
  // wants one, else nothing to do. Returns true when blocked.
  bool closed_bundle_has_work(BundleWork& w) {
    int pending = 0;
    for (const DesiredSlot* s : slots_of(w.want->external_ref)) {
      auto it = view_.slots.find(s->external_ref);
      if (it == view_.slots.end() || slot_state(it->second.slot.status) == SlotState::unconfigured) ++pending;
    }
    if (pending == 0) return false;
    std::string status = w.have->status;
    std::string remedy = status == "cancelled"
                             ? "TokPortal cancelled it (usually a ban); `ugc state rm " + w.state_ref +
                                   "` to forget it, then plan again to create a replacement"
                             : "add accounts to market " + w.want->market + " so new videos go to a new bundle";
    plan_.blocked.push_back({"blocked:" + w.want->external_ref + ":status", w.want->external_ref,
                             "bundle is " + status + "; TokPortal accepts no new videos on it (" +
                                 std::to_string(pending) + " slot(s) held back)",
                             remedy, {}});
    held_bundles_.insert(w.want->external_ref);
    return true;
  }

  std::string picture_key(const DesiredBundle& b) const {
    if (b.account.profile_picture_media.empty()) return {};
    auto it = media_by_id_.find(b.account.profile_picture_media);
    return it == media_by_id_.end() ? std::string() : media_key(*it->second);
  }

  void decide_account(BundleWork& w) {
    const auto& a = w.want->account;
    if (a.username.empty() && a.visible_name.empty() && a.biography.empty() && a.profile_picture_media.empty()) {
      if (!w.have || !w.have->account)
        plan_.notes.push_back({w.want->external_ref,
                               "no account profile in the file (`accounts:`); the bundle cannot be published "
                               "until one is configured"});
      return;
    }
    const std::string pic = picture_key(*w.want);
    const state::KnownAccount* k = w.have && w.have->account ? &*w.have->account : nullptr;
    auto field = [&](const char* name, const std::string& before, const std::string& after) {
      if (!k) {
        w.account_changes.push_back({name, none, some(after)});
      } else if (before != after) {
        w.account_changes.push_back({name, some(before), some(after)});
      }
    };
    field("account.username", k ? k->username : "", a.username);
    field("account.visible_name", k ? k->visible_name : "", a.visible_name);
    field("account.biography", k ? k->biography : "", a.biography);
    field("account.profile_picture", k ? k->profile_picture_sha256 : "", pic);
    if (w.account_changes.empty()) return;
    if (w.have && !is_setup(w.have->status)) {
      std::string remedy =
          w.delivered ? "on the delivered account, request an edit (POST /accounts/{id}/edit-request, " +
                            std::string("8 credits) from the TokPortal dashboard, or restore the profile in the file")
                      : "restore the profile in the file, or unpublish the bundle (only before a manager accepts "
                        "it) and plan again";
      plan_.blocked.push_back({"blocked:" + w.want->external_ref + ":account", w.want->external_ref,
                               "the account profile cannot change after the bundle is published (it is " +
                                   w.have->status + ")",
                               remedy, w.account_changes});
      w.account_changes.clear();
      return;
    }
    w.configure_account = true;
    w.account_reason = k ? "account profile changed in the file" : "account profile not configured yet";
  }

  // Known slots of a bundle, indexed once: a per-bundle scan of all slots is
  // quadratic at thousands of slots.
  const std::vector<const KnownView::Slot*>& known_slots_of(const std::string& bundle_ref) const {
    static const std::vector<const KnownView::Slot*> none;
    auto it = known_slots_by_bundle_.find(bundle_ref);
    return it == known_slots_by_bundle_.end() ? none : it->second;
  }

  std::vector<const DesiredSlot*> slots_of(const std::string& bundle_ref) const {
    auto it = slots_by_bundle_.find(bundle_ref);
    return it == slots_by_bundle_.end() ? std::vector<const DesiredSlot*>{} : it->second;
  }

  // The video_url to send for a media: a known upload, a placeholder for an
  // upload in this plan, or the URL itself.
  std::string video_url_for(const std::string& media_id) {
    auto it = media_by_id_.find(media_id);
    if (it == media_by_id_.end()) return {};
    const DesiredMedia& m = *it->second;
    if (m.path.empty() && !m.url.empty()) return m.url;
    const std::string& key = media_key(m);
    if (auto k = known_media_.find({key, "video"}); k != known_media_.end() && !k->second->public_url.empty())
      return k->second->public_url;
    return body::media_url(key);
  }

  SlotRecord record_of(const DesiredSlot& s, const std::string& date) {
    SlotRecord r;
    r.external_ref = s.external_ref;
    r.bundle_ref = s.bundle_ref;
    r.position = s.position;
    r.campaign_video = s.video_id;
    auto it = media_by_id_.find(s.media);
    r.media_key = it == media_by_id_.end() ? s.media : media_key(*it->second);
    r.video_url = video_url_for(s.media);
    r.caption = s.caption;
    r.publish_date = date;
    return r;
  }

  // The date to send for a slot, honouring the lead time and 3 a day. Records
  // a DateShift when it differs from the file.
  std::string planned_date(BundleWork& w, const DesiredSlot& s, const std::string& known_date) {
    const std::string& ref = w.want->external_ref;
    if (s.publish_date >= w.earliest) return s.publish_date.str();
    // Too close, but unchanged: nothing to send (publishing moves it, see note_stale_publish).
    if (known_date == s.publish_date.str()) return known_date;
    // Already moved forward (by the server or an earlier apply)? Keep it.
    if (auto k = CivilDate::parse(known_date); k && *k >= w.earliest) return known_date;
    CivilDate day = days_.first_free(ref, w.earliest);
    days_.add(ref, day);
    plan_.date_shifts.push_back({s.external_ref, ref, s.publish_date.str(), day.str(),
                                 w.delivered ? kLeadDaysDeliveredAccount : kLeadDaysNewAccount,
                                 "configured with the planned date (the API refuses dates closer than the lead "
                                 "time)"});
    return day.str();
  }

  void count_days(const BundleWork& w) {
    const std::string& ref = w.want->external_ref;
    for (const DesiredSlot* s : slots_of(ref))
      if (s->publish_date >= w.earliest) days_.add(ref, s->publish_date);
    for (const KnownView::Slot* known : known_slots_of(ref)) {
      const auto& ks = *known;
      if (desired_slot_refs_.count(ks.slot.external_ref)) continue;
      auto st = slot_state(ks.slot.status);
      if (st == SlotState::unconfigured || st == SlotState::cancelled) continue;
      if (auto d = CivilDate::parse(ks.slot.publish_date); d && *d >= w.earliest) days_.add(ref, *d);
    }
  }

  void decide_slots(BundleWork& w) {
    const std::string& ref = w.want->external_ref;
    auto wanted = slots_of(ref);
    count_days(w);
    int max_position = 0;
    for (const DesiredSlot* s : wanted) max_position = std::max(max_position, s->position);
    const int bought = w.have ? w.have->videos_quantity : 0;
    const int needed = std::max(w.want->videos_quantity, max_position);
    if (w.have && needed > bought) w.add_slots = needed - bought;
    if (w.have && w.want->videos_quantity < bought)
      plan_.notes.push_back({ref, "videos_per_account is " + std::to_string(w.want->videos_quantity) + " but " +
                                      std::to_string(bought) +
                                      " slots were bought; the extra slots stay unused (TokPortal does not "
                                      "refund slots)"});

    std::vector<SlotWork> reconfigure;
    for (const DesiredSlot* s : wanted) {
      SlotWork sw;
      sw.want = s;
      auto it = view_.slots.find(s->external_ref);
      if (it != view_.slots.end() && it->second.slot.bundle_ref == ref && it->second.slot.position == s->position) {
        sw.have = &it->second.slot;
        sw.state_ref = it->second.state_ref;
        placed_.insert(s->external_ref);
      }
      SlotState st = sw.have ? slot_state(sw.have->status) : SlotState::unconfigured;
      if (st == SlotState::unconfigured) {
        sw.record = record_of(*s, planned_date(w, *s, ""));
        sw.record.previous_ref = sw.state_ref != s->external_ref ? sw.state_ref : "";
        sw.changes.push_back({"slot " + std::to_string(s->position), none,
                              some(s->video_id + " on " + sw.record.publish_date)});
        w.configure.push_back(std::move(sw));
        continue;
      }
      diff_slot(w, sw, st);
      if (sw.changes.empty()) {
        if (st == SlotState::configured) w.publish_known.push_back(sw.have);
        continue;
      }
      if (st == SlotState::configured) {
        reconfigure.push_back(std::move(sw));
      } else if (!block_slot_change(sw, st)) {
        w.patch.push_back(std::move(sw));
      }
    }
    // Configured slots: one batch PUT carries any number of them; a lone
    // caption/date/ref change is a PATCH (same one request, no re-send of media).
    bool batch = !w.configure.empty() || reconfigure.size() >= 2 ||
                 std::any_of(reconfigure.begin(), reconfigure.end(), [](const SlotWork& s) { return s.media_changed; });
    for (auto& sw : reconfigure) (batch ? w.configure : w.patch).push_back(std::move(sw));
  }

  void diff_slot(BundleWork& w, SlotWork& sw, SlotState st) {
    const DesiredSlot& s = *sw.want;
    const KnownSlot& k = *sw.have;
    const bool posted = st == SlotState::posted;
    std::string date = posted ? k.publish_date : planned_date(w, s, k.publish_date);
    if (posted && s.publish_date.str() != k.publish_date) date = s.publish_date.str();
    sw.record = record_of(s, date);
    sw.record.previous_ref = sw.state_ref != s.external_ref ? sw.state_ref : "";
    if (sw.state_ref != s.external_ref) sw.changes.push_back({"external_ref", some(sw.state_ref), some(s.external_ref)});
    if (k.caption != s.caption) sw.changes.push_back({"caption", some(k.caption), some(s.caption)});
    if (k.publish_date != date) sw.changes.push_back({"publish_date", some(k.publish_date), some(date)});
    if (k.media_sha256 != sw.record.media_key) {
      sw.changes.push_back({"media", some(k.media_sha256), some(sw.record.media_key)});
      sw.media_changed = true;
    }
  }

  // What the API cannot change on a slot handed to the manager or posted.
  // Returns true when the whole change is blocked; a ref rename alone always passes.
  bool block_slot_change(SlotWork& sw, SlotState st) {
    std::vector<FieldChange> blocked;
    std::vector<FieldChange> allowed;
    for (const auto& c : sw.changes) {
      bool ok = c.field == "external_ref" || (st == SlotState::scheduled && c.field != "media");
      (ok ? allowed : blocked).push_back(c);
    }
    if (!blocked.empty()) {
      std::string why;
      std::string remedy;
      if (st == SlotState::posted) {
        why = "the video is already posted (" + sw.have->status + "); TokPortal cannot change a posted video";
        remedy = "restore the old value in the file, or publish the new version as a new video id";
      } else if (st == SlotState::cancelled) {
        why = "the slot was cancelled by TokPortal";
        remedy = "publish it as a new video id (it gets a new slot)";
      } else {
        why = "the video was handed to the manager (" + sw.have->status +
              "); its media cannot be replaced, only caption and date";
        remedy = "give the new media a new video id in the file (the old slot is then unscheduled)";
      }
      plan_.blocked.push_back({"blocked:" + sw.want->external_ref + ":" + blocked.front().field,
                               sw.want->external_ref, why, remedy, blocked});
      // Keep the recorded values for what cannot change.
      for (const auto& c : blocked) {
        if (c.field == "caption") sw.record.caption = sw.have->caption;
        if (c.field == "publish_date") sw.record.publish_date = sw.have->publish_date;
      }
    }
    sw.changes = allowed;
    return allowed.empty();
  }

  void decide_publish(BundleWork& w) {
    const bool setup = !w.have || is_setup(w.have->status);
    if (!setup) return;  // active bundles: new slots publish through the batch's auto_publish
    const bool account_ready = w.publishable_account && (w.configure_account || (w.have && w.have->account));
    if (!account_ready) {
      if (w.publishable_account || !w.want->account.username.empty())
        plan_.notes.push_back({w.want->external_ref,
                               "bundle is not published: the account profile needs username, visible_name, "
                               "biography and profile_picture"});
      return;
    }
    const bool has_videos = !w.configure.empty() || !w.publish_known.empty() ||
                            std::any_of(w.patch.begin(), w.patch.end(), [](const SlotWork& s) {
                              return slot_state(s.have->status) == SlotState::configured;
                            });
    if (w.want->videos_quantity > 0 && !has_videos) {
      plan_.notes.push_back({w.want->external_ref,
                             "bundle is not published yet: it has no video configured (TokPortal needs one)"});
      return;
    }
    w.publish = true;
  }

  // ---- actions -----------------------------------------------------------

  Action& add(Action a) {
    plan_.actions.push_back(std::move(a));
    return plan_.actions.back();
  }

  void emit_renames() {
    for (auto& w : work_) {
      if (!w.have || w.state_ref == w.want->external_ref) continue;
      Action a;
      a.id = "rename_bundle:" + w.want->external_ref;
      a.kind = ActionKind::rename_bundle;
      a.bundle_ref = w.want->external_ref;
      a.targets = {w.state_ref, w.want->external_ref};
      a.reason = "`moved:` renames " + w.state_ref + " to " + w.want->external_ref + " (kept, not recreated)";
      a.changes = {{"external_ref", some(w.state_ref), some(w.want->external_ref)}};
      a.requests.push_back({"PATCH", body::bundle_path(w.state_ref), body::rename_bundle(w.want->external_ref), {}, {}});
      a.bundles.push_back(bundle_record(w, w.have->videos_quantity));
      a.bundles.back().previous_ref = w.state_ref;
      w.rename_action = a.id;
      add(std::move(a));
    }
  }

  BundleRecord bundle_record(const BundleWork& w, int videos_quantity) const {
    return {w.want->external_ref, "", w.want->market, w.country, manifest::to_string(w.want->platform),
            w.want->index, videos_quantity};
  }

  int quantity_to_buy(const BundleWork& w) const {
    int max_position = 0;
    for (const DesiredSlot* s : slots_of(w.want->external_ref)) max_position = std::max(max_position, s->position);
    return std::max(w.want->videos_quantity, max_position);
  }

  // New bundles: one bulk request per country when they share one shape
  // (same slots, same warming, the same number per platform), else one each.
  void emit_creates() {
    std::vector<std::string> markets;
    std::map<std::string, std::vector<BundleWork*>> by_market;
    for (auto& w : work_) {
      if (w.have) continue;
      if (!by_market.count(w.want->market)) markets.push_back(w.want->market);
      by_market[w.want->market].push_back(&w);
    }
    for (const auto& market : markets) {
      auto& group = by_market[market];
      if (inputs_.bulk_create && bulk_shape_ok(group)) {
        emit_bulk(group);
        continue;
      }
      // Per platform, if the whole market does not fit one bulk call.
      std::map<manifest::Platform, std::vector<BundleWork*>> by_platform;
      for (auto* w : group) by_platform[w->want->platform].push_back(w);
      for (auto& [platform, members] : by_platform) {
        if (inputs_.bulk_create && bulk_shape_ok(members)) {
          emit_bulk(members);
        } else {
          for (auto* w : members) emit_create(*w);
        }
      }
    }
  }

  bool bulk_shape_ok(const std::vector<BundleWork*>& group) const {
    if (group.size() < 2) return false;
    std::map<manifest::Platform, int> per_platform;
    for (auto* w : group) {
      if (quantity_to_buy(*w) != quantity_to_buy(*group.front())) return false;
      if (w->want->niche_warming != group.front()->want->niche_warming) return false;
      ++per_platform[w->want->platform];
    }
    for (const auto& [p, n] : per_platform)
      if (n != per_platform.begin()->second || n > 100) return false;
    return true;
  }

  void emit_create(BundleWork& w) {
    const int quantity = quantity_to_buy(w);
    Action a;
    a.id = "create_bundle:" + w.want->external_ref;
    a.kind = ActionKind::create_bundle;
    a.bundle_ref = w.want->external_ref;
    a.targets = {w.want->external_ref};
    a.reason = "new bundle: " + w.want->market + " " + manifest::to_string(w.want->platform) + " account " +
               std::to_string(w.want->index) + " (not in state)";
    a.changes = {{"country", none, some(w.country)},
                 {"platform", none, some(manifest::to_string(w.want->platform))},
                 {"videos_quantity", none, some(std::to_string(quantity))}};
    a.credits = body::bundle_credits(inputs_.costs, quantity, !w.want->niche_warming.empty());
    a.requests.push_back({"POST", body::bundles_path(), body::create_bundle(*w.want, w.country, quantity), {}, {}});
    a.bundles.push_back(bundle_record(w, quantity));
    w.create_action = a.id;
    add(std::move(a));
  }

  void emit_bulk(std::vector<BundleWork*>& group) {
    // Records in the order apply maps the response: per platform (tiktok,
    // instagram), by account index.
    std::stable_sort(group.begin(), group.end(), [](const BundleWork* a, const BundleWork* b) {
      if (a->want->platform != b->want->platform) return a->want->platform < b->want->platform;
      return a->want->index < b->want->index;
    });
    const BundleWork& first = *group.front();
    const int quantity = quantity_to_buy(first);
    std::vector<std::string> platforms;
    for (auto* w : group) {
      std::string p = manifest::to_string(w->want->platform);
      if (std::find(platforms.begin(), platforms.end(), p) == platforms.end()) platforms.push_back(p);
    }
    const int per_platform = static_cast<int>(group.size() / platforms.size());
    Action a;
    a.id = "create_bundles_bulk:" + first.want->external_ref + "+" + std::to_string(group.size());
    a.kind = ActionKind::create_bundles_bulk;
    a.bundle_ref = first.want->external_ref;
    std::string list;
    for (auto* w : group) {
      a.targets.push_back(w->want->external_ref);
      a.bundles.push_back(bundle_record(*w, quantity));
      a.credits += body::bundle_credits(inputs_.costs, quantity, !w->want->niche_warming.empty());
      w->create_action = a.id;
    }
    for (const auto& p : platforms) list += (list.empty() ? "" : ", ") + p;
    a.reason = std::to_string(group.size()) + " new bundles in " + first.want->market + " (" + list + " x " +
               std::to_string(per_platform) + " accounts, " + std::to_string(quantity) +
               " slots each): one bulk request instead of " + std::to_string(group.size());
    a.changes = {{"country", none, some(first.country)},
                 {"platforms", none, some(list)},
                 {"accounts_count", none, some(std::to_string(per_platform))},
                 {"videos_per_account", none, some(std::to_string(quantity))}};
    a.requests.push_back({"POST", body::bundles_bulk_path(),
                          body::create_bundles_bulk(platforms, first.country, per_platform, quantity,
                                                    first.want->niche_warming),
                          {}, {}});
    add(std::move(a));
  }

  // One upload per distinct media file (and the profile picture once),
  // lending the id of the first bundle that uses it (an existing one if any,
  // so the upload need not wait for a create).
  void emit_uploads() {
    struct Need {
      const DesiredMedia* media = nullptr;
      std::string purpose;
      BundleWork* lender = nullptr;
      std::vector<std::string> ids;
    };
    std::vector<std::pair<std::string, std::string>> order;  // (purpose, key)
    std::map<std::pair<std::string, std::string>, Need> needs;
    auto need = [&](const std::string& media_id, const std::string& purpose, BundleWork& w) {
      auto it = media_by_id_.find(media_id);
      if (it == media_by_id_.end()) return;
      const DesiredMedia& m = *it->second;
      const std::string& key = media_key(m);
      if (purpose == "video" && m.path.empty()) return;  // a URL goes straight into video_url
      if (auto k = known_media_.find({key, purpose}); k != known_media_.end()) return;
      auto id = std::pair{purpose, key};
      auto [n, fresh] = needs.try_emplace(id);
      if (fresh) {
        order.push_back(id);
        n->second.media = &m;
        n->second.purpose = purpose;
      }
      if (!n->second.lender || (!n->second.lender->have && w.have)) n->second.lender = &w;
      if (std::find(n->second.ids.begin(), n->second.ids.end(), m.id) == n->second.ids.end())
        n->second.ids.push_back(m.id);
    };
    for (auto& w : work_) {
      if (w.configure_account && !w.want->account.profile_picture_media.empty())
        need(w.want->account.profile_picture_media, "profile_picture", w);
      for (const auto& s : w.configure) need(s.want->media, "video", w);
    }
    for (const auto& id : order) {
      const Need& n = needs[id];
      const std::string& key = id.second;
      const std::string lender = n.lender->want->external_ref;
      Action a;
      a.id = "upload_media:" + (n.purpose == "video" ? key : n.purpose + ":" + key);
      a.kind = ActionKind::upload_media;
      a.bundle_ref = lender;
      a.targets = n.ids;
      a.reason = n.purpose == "video" ? "media not uploaded yet; uploaded once and reused by URL"
                                      : "profile picture not uploaded yet; uploaded once as purpose=profile_picture";
      a.changes = {{"media " + n.media->id, none, some(n.media->path.empty() ? n.media->url : n.media->path)}};
      a.requests.push_back(body::upload(n.purpose, *n.media, lender));
      a.media = MediaRecord{key, n.purpose, n.media->path, n.media->path.empty() ? n.media->url : ""};
      if (!n.lender->create_action.empty()) a.depends_on.push_back(n.lender->create_action);
      if (!n.lender->rename_action.empty()) a.depends_on.push_back(n.lender->rename_action);
      upload_action_[id] = a.id;
      add(std::move(a));
    }
  }

  std::vector<std::string> bundle_deps(const BundleWork& w) const {
    std::vector<std::string> deps;
    if (!w.create_action.empty()) deps.push_back(w.create_action);
    if (!w.rename_action.empty()) deps.push_back(w.rename_action);
    return deps;
  }

  static void add_dep(std::vector<std::string>& deps, const std::string& id) {
    if (!id.empty() && std::find(deps.begin(), deps.end(), id) == deps.end()) deps.push_back(id);
  }

  std::string upload_of(const std::string& media_id, const std::string& purpose) const {
    auto it = media_by_id_.find(media_id);
    if (it == media_by_id_.end()) return {};
    auto u = upload_action_.find({purpose, media_key(*it->second)});
    return u == upload_action_.end() ? std::string() : u->second;
  }

  void emit_bundle_actions(BundleWork& w) {
    const std::string& ref = w.want->external_ref;
    if (w.configure_account) emit_account(w);
    std::string add_action;
    if (w.add_slots > 0) {
      Action a;
      a.id = "add_video_slots:" + ref + ":" + std::to_string(w.have->videos_quantity + 1) + "-" +
             std::to_string(w.have->videos_quantity + w.add_slots);
      a.kind = ActionKind::add_video_slots;
      a.bundle_ref = ref;
      a.targets = {ref};
      a.reason = "the file needs " + std::to_string(w.have->videos_quantity + w.add_slots) + " slots, " +
                 std::to_string(w.have->videos_quantity) + " bought";
      a.changes = {{"videos_quantity", some(std::to_string(w.have->videos_quantity)),
                    some(std::to_string(w.have->videos_quantity + w.add_slots))}};
      a.credits = w.add_slots * inputs_.costs.video_slot;
      a.depends_on = bundle_deps(w);
      a.requests.push_back({"POST", body::add_video_slots_path(ref), body::add_video_slots(w.add_slots), {}, {}});
      a.bundles.push_back(bundle_record(w, w.have->videos_quantity + w.add_slots));
      add_action = a.id;
      add(std::move(a));
    }
    const bool active = w.have && !is_setup(w.have->status);
    // On an active bundle a batch's auto_publish only covers its own slots;
    // when older configured slots wait too, one publish-all covers them all.
    const bool publish_all = active && !w.publish_known.empty();
    std::string batch_action;
    if (!w.configure.empty()) batch_action = emit_batch(w, add_action, active, /*auto_publish=*/active ? !publish_all : w.publish);
    for (auto& sw : w.patch) emit_patch(w, sw);
    if (w.publish && w.configure.empty()) emit_publish_bundle(w);
    if (publish_all) emit_publish_videos(w, batch_action);
  }

  void emit_account(BundleWork& w) {
    const std::string& ref = w.want->external_ref;
    Action a;
    a.id = "configure_account:" + ref;
    a.kind = ActionKind::configure_account;
    a.bundle_ref = ref;
    a.targets = {ref};
    a.reason = w.account_reason;
    a.changes = w.account_changes;
    a.depends_on = bundle_deps(w);
    const std::string pic_key = picture_key(*w.want);
    std::string pic;
    if (!pic_key.empty()) {
      if (auto k = known_media_.find({pic_key, "profile_picture"}); k != known_media_.end()) {
        pic = k->second->storage_path.empty() ? k->second->public_url : k->second->storage_path;
      } else {
        pic = body::media_storage(pic_key);
        add_dep(a.depends_on, upload_of(w.want->account.profile_picture_media, "profile_picture"));
      }
    }
    a.requests.push_back({"PUT", body::account_path(ref), body::configure_account(w.want->account, pic), {}, {}});
    a.account = AccountRecord{w.want->account.username, w.want->account.visible_name, w.want->account.biography,
                              pic_key};
    w.account_action = a.id;
    add(std::move(a));
  }

  std::string emit_batch(BundleWork& w, const std::string& add_action, bool active, bool auto_publish) {
    const std::string& ref = w.want->external_ref;
    std::sort(w.configure.begin(), w.configure.end(),
              [](const SlotWork& a, const SlotWork& b) { return a.want->position < b.want->position; });
    Action a;
    a.id = "configure_videos:" + ref;
    a.kind = ActionKind::configure_videos;
    a.bundle_ref = ref;
    a.depends_on = bundle_deps(w);
    add_dep(a.depends_on, add_action);
    if (auto_publish && !active) add_dep(a.depends_on, w.account_action);
    int fresh = 0;
    std::vector<Json> items;
    for (auto& sw : w.configure) {
      if (!sw.have || slot_state(sw.have->status) == SlotState::unconfigured) ++fresh;
      a.targets.push_back(sw.want->external_ref);
      for (auto c : sw.changes) {
        if (c.field.rfind("slot ", 0) != 0) c.field = "slot " + std::to_string(sw.want->position) + " " + c.field;
        a.changes.push_back(std::move(c));
      }
      add_dep(a.depends_on, upload_of(sw.want->media, "video"));
      sw.record.status_after = auto_publish ? "published" : "configured";
      items.push_back(body::batch_item(sw.record, w.want->platform));
      a.slots.push_back(sw.record);
    }
    // Slots configured earlier but never published go out with this call's publish.
    if (auto_publish) note_stale_publish(w, w.publish_known);
    int reconfigured = static_cast<int>(w.configure.size()) - fresh;
    a.reason = std::to_string(w.configure.size()) + " slot(s) in one batch call";
    if (fresh > 0) a.reason += ": " + std::to_string(fresh) + " new";
    if (reconfigured > 0) a.reason += std::string(fresh > 0 ? ", " : ": ") + std::to_string(reconfigured) + " changed";
    if (auto_publish)
      a.reason += active ? "; auto_publish sends them to the manager"
                         : "; auto_publish publishes the bundle (saves the separate publish call)";
    if (auto_publish && !active) {
      a.publishes_bundle = true;
      a.changes.push_back({"status", some(w.have ? w.have->status : std::string("pending_setup")), some("published")});
    }
    a.requests.push_back({"PUT", body::batch_path(ref), body::batch(std::move(items), auto_publish), {}, {}});
    std::string id = a.id;
    add(std::move(a));
    return id;
  }

  // Configured slots in state whose date became too close: the server moves
  // them forward when they are published.
  void note_stale_publish(BundleWork& w, const std::vector<const KnownSlot*>& slots) {
    for (const KnownSlot* k : slots) {
      auto d = CivilDate::parse(k->publish_date);
      if (!d || *d >= w.earliest) continue;
      CivilDate day = days_.first_free(w.want->external_ref, w.earliest);
      days_.add(w.want->external_ref, day);
      plan_.date_shifts.push_back({k->external_ref, w.want->external_ref, k->publish_date, day.str(),
                                   w.delivered ? kLeadDaysDeliveredAccount : kLeadDaysNewAccount,
                                   "the server moves it forward on publish"});
    }
  }

  void emit_patch(BundleWork& w, SlotWork& sw) {
    const std::string& ref = w.want->external_ref;
    Action a;
    a.id = "patch_video:" + sw.want->external_ref;
    a.kind = ActionKind::patch_video;
    a.bundle_ref = ref;
    a.targets = {sw.want->external_ref};
    a.changes = sw.changes;
    a.depends_on = bundle_deps(w);
    Json b = body::patch_video(sw.changes);
    std::string what;
    for (const auto& c : sw.changes) what += (what.empty() ? "" : ", ") + c.field;
    a.reason = what + " changed in the file";
    a.requests.push_back({"PATCH", body::slot_path(ref, sw.want->position), b, {}, {}});
    sw.record.status_after = sw.have->status;
    a.slots.push_back(sw.record);
    add(std::move(a));
  }

  void emit_publish_bundle(BundleWork& w) {
    const std::string& ref = w.want->external_ref;
    Action a;
    a.id = "publish_bundle:" + ref;
    a.kind = ActionKind::publish_bundle;
    a.bundle_ref = ref;
    a.targets = {ref};
    a.reason = "account and videos are configured; publishing sends the order to TokPortal's managers";
    a.changes = {{"status", some(w.have ? w.have->status : std::string("pending_setup")), some("published")}};
    a.depends_on = bundle_deps(w);
    add_dep(a.depends_on, w.account_action);
    for (const auto& p : plan_.actions)
      if (p.kind == ActionKind::patch_video && p.bundle_ref == ref) add_dep(a.depends_on, p.id);
    a.requests.push_back({"POST", body::publish_path(ref), Json(), {}, {}});
    a.publishes_bundle = true;
    for (const KnownSlot* k : w.publish_known) a.slots.push_back(published_record(*k));
    note_stale_publish(w, w.publish_known);
    add(std::move(a));
  }

  SlotRecord published_record(const KnownSlot& k) const {
    SlotRecord r;
    r.external_ref = k.external_ref;
    r.bundle_ref = k.bundle_ref;
    r.position = k.position;
    r.campaign_video = k.campaign_video;
    r.media_key = k.media_sha256;
    r.video_url = k.video_url;
    r.caption = k.caption;
    r.publish_date = k.publish_date;
    r.status_after = "published";
    return r;
  }

  void emit_publish_videos(BundleWork& w, const std::string& batch_action) {
    const std::string& ref = w.want->external_ref;
    Action a;
    a.id = "publish_videos:" + ref;
    a.kind = ActionKind::publish_videos;
    a.bundle_ref = ref;
    a.reason = std::to_string(w.publish_known.size() + w.configure.size()) +
               " configured slot(s) on an active bundle are not visible to the manager until published";
    a.depends_on = bundle_deps(w);
    add_dep(a.depends_on, batch_action);
    for (const auto& p : plan_.actions)
      if (p.kind == ActionKind::patch_video && p.bundle_ref == ref) add_dep(a.depends_on, p.id);
    for (const auto& sw : w.configure) {
      a.targets.push_back(sw.want->external_ref);
      a.slots.push_back(sw.record);
      a.slots.back().status_after = "published";
    }
    for (const KnownSlot* k : w.publish_known) {
      a.targets.push_back(k->external_ref);
      a.changes.push_back({"slot " + std::to_string(k->position) + " status", some(k->status), some("published")});
      a.slots.push_back(published_record(*k));
    }
    note_stale_publish(w, w.publish_known);
    a.requests.push_back({"POST", body::publish_all_path(ref), Json(), {}, {}});
    add(std::move(a));
  }

  // Slots and bundles state knows that the file no longer has: unschedule what
  // is not posted yet, note the rest. Never a delete.
  void emit_removals() {
    std::set<std::string> desired_bundles;
    for (const auto& b : desired_.bundles) desired_bundles.insert(b.external_ref);
    for (const auto& [ref, kb] : view_.bundles) {
      if (desired_bundles.count(ref)) continue;
      plan_.notes.push_back({ref, "bundle is no longer in the campaign file; ugc never deletes bundles (the "
                                  "account stays as it is" +
                                      std::string(is_setup(kb.bundle.status)
                                                      ? ", unpublished; its credits are not refunded)"
                                                      : ")") +
                                      "; `ugc state rm " + ref + "` stops tracking it"});
    }
    std::vector<const KnownView::Slot*> gone;
    for (const auto& [ref, ks] : view_.slots)
      if (!placed_.count(ref) && !held_bundles_.count(ks.slot.bundle_ref)) gone.push_back(&ks);
    std::sort(gone.begin(), gone.end(), [](const KnownView::Slot* a, const KnownView::Slot* b) {
      if (a->slot.bundle_ref != b->slot.bundle_ref) return a->slot.bundle_ref < b->slot.bundle_ref;
      return a->slot.position < b->slot.position;
    });
    for (const auto* ks : gone) emit_removal(*ks);
  }

  void emit_removal(const KnownView::Slot& ks) {
    const KnownSlot& k = ks.slot;
    const std::string why = desired_.find_slot(k.external_ref)
                                ? "video " + k.campaign_video + " moved to another slot"
                                : "video " + k.campaign_video + " is no longer in the file for this market/platform";
    switch (slot_state(k.status)) {
      case SlotState::posted:
        plan_.notes.push_back({k.external_ref, why + "; it is already posted (" + k.status +
                                                   ") and stays online: ugc never deletes posts"});
        return;
      case SlotState::cancelled:
        return;
      case SlotState::unconfigured:
        if (k.status == "unscheduled") return;
        plan_.notes.push_back({k.external_ref, why + "; its slot was never configured and stays reserved until "
                                                     "`ugc state rm " + k.external_ref + "`"});
        return;
      case SlotState::configured:
      case SlotState::scheduled:
        break;
    }
    Action a;
    a.id = "unschedule_video:" + k.external_ref;
    a.kind = ActionKind::unschedule_video;
    a.bundle_ref = k.bundle_ref;
    a.targets = {k.external_ref};
    a.reason = why + " (not posted yet): unscheduled, not deleted";
    a.changes = {{"status", some(k.status), some("unscheduled")}};
    if (const Action* rename = plan_.find("rename_bundle:" + k.bundle_ref)) add_dep(a.depends_on, rename->id);
    a.requests.push_back({"POST", body::unschedule_path(k.bundle_ref, k.position), Json(), {}, {}});
    SlotRecord r = published_record(k);
    r.external_ref = ks.state_ref;
    r.status_after = "unscheduled";
    a.slots.push_back(r);
    add(std::move(a));
  }

  const DesiredResources& desired_;
  const state::KnownResources& known_;
  const PlanInputs& inputs_;
  KnownView view_;
  Plan plan_;
  std::vector<BundleWork> work_;
  std::map<std::string, const DesiredMedia*> media_by_id_;
  std::map<std::pair<std::string, std::string>, const state::KnownMedia*> known_media_;  // (key, purpose)
  std::map<std::string, std::vector<const DesiredSlot*>> slots_by_bundle_;
  std::set<std::string> desired_slot_refs_;
  std::map<std::string, std::vector<const KnownView::Slot*>> known_slots_by_bundle_;
  std::map<std::pair<std::string, std::string>, std::string> upload_action_;  // (purpose, key) -> id
  std::set<std::string> placed_;        // desired slot refs matched to a known slot in place
  std::set<std::string> held_bundles_;  // blocked bundles: nothing of theirs is touched
  DayCounts days_;
};

}  // namespace

Plan plan_resources(const DesiredResources& desired, const state::KnownResources& known, const PlanInputs& inputs) {
  return Planner(desired, known, inputs).run();
}

Result<Plan> plan_campaign(const manifest::Campaign& campaign, const state::KnownResources& known,
                           const PlanInputs& inputs) {
  expand::SlotAssignment previous;
  for (const auto& s : known.slots) previous[s.external_ref] = {s.bundle_ref, s.position};
  auto desired = expand::expand_campaign(campaign, previous);
  if (!desired) return desired.error();
  return plan_resources(*desired, known, inputs);
}

}  // namespace ugc::plan
