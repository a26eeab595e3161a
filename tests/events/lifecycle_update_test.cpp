// Lifecycle events into a real SQLite state file: each §9.2 type the
// simulator emits lands on the bundle, account or slot it names; replays
// change nothing; events arriving out of order never move a status back; the
// receiver's writer applies new events only.
#include <doctest/doctest.h>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/events/event_writer.hpp"
#include "ugc/events/lifecycle_update.hpp"
#include "ugc/state/lifecycle.hpp"

using namespace ugc;
using namespace ugc::events;

namespace {

constexpr const char* kRef = "camp-FR-tiktok-1";

struct LifecycleState {
  testing::TempDir dir;
  state::Store store;

  LifecycleState() : store(open()) {
    state::KnownBundle b;
    b.external_ref = kRef;
    b.id = "bnd_1";
    b.campaign = "camp";
    b.market = "FR";
    b.platform = "tiktok";
    b.index = 1;
    b.videos_quantity = 2;
    b.status = "published";
    state::KnownAccount a;
    a.username = "camp.fr.1";
    a.status = "configured";
    b.account = a;
    REQUIRE(store.upsert_bundle(b));
    for (int p = 1; p <= 2; ++p) {
      state::KnownSlot s;
      s.external_ref = "camp-v" + std::to_string(p) + "-FR-tiktok";
      s.bundle_ref = kRef;
      s.position = p;
      s.campaign_video = "v" + std::to_string(p);
      s.status = "published";
      REQUIRE(store.upsert_slot(s));
    }
  }

  state::Store open() {
    auto s = state::Store::open(dir.file("state.db"), {state::Access::read_write, true},
                                std::make_shared<testing::FakeClock>());
    REQUIRE_MESSAGE(s, s.error().message());
    return std::move(*s);
  }

  state::KnownBundle bundle() {
    auto b = store.find_bundle(kRef);
    REQUIRE(b);
    REQUIRE(b->has_value());
    return **b;
  }
  state::KnownSlot slot(int position) {
    auto s = store.find_slot("camp-v" + std::to_string(position) + "-FR-tiktok");
    REQUIRE(s);
    REQUIRE(s->has_value());
    return **s;
  }
  void apply(const WebhookEvent& e) {
    auto applied = apply_lifecycle_event(store, e);
    REQUIRE_MESSAGE(applied, applied.error().message());
  }
};

int g_event_counter = 0;

// An event as `ugc sim` shapes it (docs/tokportal-api.md §9.3), `at` seconds past 10:00.
WebhookEvent lifecycle_event(const std::string& type, int at, Json extra = Json::object()) {
  Json data = {{"bundle_id", "bnd_1"}, {"account_id", "acc_1"}, {"saved_account_id", nullptr},
               {"external_ref", kRef}, {"bundle_type", "account_and_videos"}, {"platform", "tiktok"},
               {"country", "FRA"},     {"status", "accepted"}};
  for (auto& [k, v] : extra.items()) data[k] = v;
  char when[48];
  std::snprintf(when, sizeof when, "2027-03-02T10:%02d:%02d.000Z", at / 60, at % 60);
  const std::string id = "evt_" + std::to_string(++g_event_counter);
  return {id, type, "2026-05-25", when, Json{{"id", id}, {"type", type}, {"created_at", when}, {"data", data}}};
}

WebhookEvent video_event(const std::string& type, int at, int position, const std::string& status) {
  return lifecycle_event(type, at,
                         {{"video_id", "vid_" + std::to_string(position)}, {"position", position},
                          {"video_status", status}, {"post_url", status == "in_review" ? Json("https://t/1") : Json()}});
}

}  // namespace

TEST_CASE("bundle, account and video events set the statuses, username and saved account they carry") {
  LifecycleState st;
  st.apply(lifecycle_event("bundle.published", 1, {{"status", "published"}}));
  st.apply(lifecycle_event("account.in_review", 2,
                           {{"account_status", "in_review"}, {"username", "camp.fr.1"}, {"saved_account_id", "sa_1"}}));
  st.apply(video_event("video.in_review", 3, 1, "in_review"));
  st.apply(video_event("video.finalized", 4, 2, "finalized"));

  const auto b = st.bundle();
  CHECK(b.status == "accepted");  // no event of its own: carried by the later events' data
  REQUIRE(b.account);
  CHECK(b.account->status == "in_review");
  CHECK(b.account->saved_account_id == "sa_1");
  CHECK(b.last_event_at == "2027-03-02T10:00:04.000Z");
  CHECK(st.slot(1).status == "in_review");
  CHECK(st.slot(1).video_id == "vid_1");
  CHECK(st.slot(1).post_url == "https://t/1");
  CHECK(st.slot(2).status == "finalized");
}

TEST_CASE("an event delivered twice changes nothing the second time") {
  LifecycleState st;
  const auto e = video_event("video.in_review", 10, 1, "in_review");
  st.apply(e);
  const long long serial = *st.store.serial();
  st.apply(e);
  CHECK(*st.store.serial() == serial);
  CHECK(st.slot(1).status == "in_review");
}

TEST_CASE("an older event arriving after a newer one never moves a status back") {
  LifecycleState st;
  st.apply(video_event("video.finalized", 20, 1, "finalized"));
  st.apply(video_event("video.in_review", 10, 1, "in_review"));  // late delivery of an earlier step
  CHECK(st.slot(1).status == "finalized");

  st.apply(lifecycle_event("account.finalized", 30, {{"account_status", "finalized"}, {"saved_account_id", "sa_new"}}));
  st.apply(lifecycle_event("account.in_review", 5, {{"account_status", "in_review"}, {"saved_account_id", "sa_old"}}));
  auto b = st.bundle();
  CHECK(b.account->status == "finalized");
  CHECK(b.account->saved_account_id == "sa_new");
  CHECK(b.last_event_at == "2027-03-02T10:00:30.000Z");

  // At the same instant, the later status of §8 wins whichever arrives first.
  st.apply(video_event("video.accepted", 40, 2, "accepted"));
  st.apply(video_event("video.published", 40, 2, "published"));
  CHECK(st.slot(2).status == "accepted");
}

TEST_CASE("a ban is recorded, the bundle cancellation cancels unfinished slots, and a remake resumes them") {
  LifecycleState st;
  st.apply(lifecycle_event("account.in_review", 1,
                           {{"account_status", "in_review"}, {"username", "camp.fr.1"}, {"saved_account_id", "sa_1"}}));
  st.apply(video_event("video.finalized", 2, 1, "finalized"));
  st.apply(lifecycle_event("account.banned", 3,
                           {{"account_status", "in_review"}, {"saved_account_id", "sa_1"}, {"username", "camp.fr.1"},
                            {"ban_status", "no_appeal_banned"}, {"ban_id", "ban_9"}}));
  st.apply(lifecycle_event("bundle.cancelled", 3, {{"status", "cancelled"}, {"reason", "account_banned"}}));

  auto b = st.bundle();
  CHECK(b.status == "cancelled");
  CHECK(b.cancel_reason == "account_banned");
  CHECK(b.account->status == "banned");
  CHECK(st.slot(1).status == "finalized");  // posted and finished: not cancelled
  CHECK(st.slot(2).status == "cancelled");
  auto bans = state::account_bans(st.store);
  REQUIRE(bans);
  REQUIRE(bans->size() == 1);
  CHECK(bans->front().ban_key == "ban_9");
  CHECK(bans->front().bundle_ref == kRef);
  CHECK(bans->front().status == "no_appeal_banned");

  // The remake comes at the same instant as the ban: it still wins.
  st.apply(lifecycle_event("account.remade", 3,
                           {{"account_status", "in_review"}, {"saved_account_id", "sa_2"},
                            {"previous_saved_account_id", "sa_1"}, {"status", "accepted"}}));
  b = st.bundle();
  CHECK(b.status == "accepted");
  CHECK(b.cancel_reason.empty());
  CHECK(b.account->status == "in_review");
  CHECK(b.account->saved_account_id == "sa_2");
  CHECK(st.slot(2).status == "published");  // resumed where the ban stopped it
  auto remakes = state::account_remakes(st.store);
  REQUIRE(remakes);
  REQUIRE(remakes->size() == 1);
  CHECK(remakes->front().previous_saved_account_id == "sa_1");
  CHECK(remakes->front().saved_account_id == "sa_2");
}

TEST_CASE("a cancel without a ban keeps its reason, and a later duplicate cancel changes nothing") {
  LifecycleState st;
  const auto cancel = lifecycle_event("bundle.cancelled", 5, {{"status", "cancelled"}, {"reason", "out_of_stock"}});
  st.apply(cancel);
  st.apply(lifecycle_event("bundle.published", 1, {{"status", "published"}}));  // late
  CHECK(st.bundle().status == "cancelled");
  CHECK(st.bundle().cancel_reason == "out_of_stock");
  CHECK(st.slot(1).status == "cancelled");
}

TEST_CASE("events about unknown bundles, unknown types and unreadable data change nothing and are no error") {
  LifecycleState st;
  const long long serial = *st.store.serial();
  auto other = lifecycle_event("bundle.published", 1, {{"external_ref", "someone-else"}, {"bundle_id", "bnd_x"}});
  st.apply(other);
  st.apply(lifecycle_event("subscription.lapsed", 2));
  auto odd = lifecycle_event("video.in_review", 3, {{"position", "one"}, {"video_status", 7}, {"status", "published"}});
  st.apply(odd);
  WebhookEvent no_data{"evt_nodata", "bundle.published", "", "", Json{{"id", "evt_nodata"}, {"data", "x"}}};
  st.apply(no_data);
  CHECK(*st.store.serial() == serial);
  CHECK(st.bundle().status == "published");
}

TEST_CASE("a polled ban found by saved account id alone lands on the bundle that account was delivered on") {
  LifecycleState st;
  st.apply(lifecycle_event("account.in_review", 1, {{"account_status", "in_review"}, {"saved_account_id", "sa_7"}}));
  WebhookEvent polled{"poll_ban_1", "account.banned", "", "2027-03-02T11:00:00Z",
                      Json{{"id", "poll_ban_1"},
                           {"type", "account.banned"},
                           {"data", {{"saved_account_id", "sa_7"}, {"bundle_id", nullptr}, {"username", "camp.fr.1"},
                                     {"ban_status", "appeal_pending"}}}}};
  st.apply(polled);
  CHECK(st.bundle().account->status == "banned");
  auto bans = state::account_bans(st.store);
  REQUIRE(bans);
  REQUIRE(bans->size() == 1);
  CHECK(bans->front().ban_key == "account:sa_7");
  CHECK(bans->front().banned_at == "2027-03-02T11:00:00.000Z");
}

TEST_CASE("the receiver's writer applies a new event and not its redelivery") {
  LifecycleState st;
  EventWriter writer(st.store);
  const auto e = video_event("video.in_review", 10, 1, "in_review");
  REQUIRE(*writer.record(e) == Recorded::stored);
  CHECK(st.slot(1).status == "in_review");
  // Someone (apply) writes the slot back; a redelivery must not re-apply it.
  auto s = st.slot(1);
  s.status = "published";
  REQUIRE(st.store.upsert_slot(s));
  REQUIRE(*writer.record(e) == Recorded::duplicate);
  CHECK(st.slot(1).status == "published");
}

TEST_CASE("event times in other ISO 8601 spellings compare in time order") {
  CHECK(normalized_event_time("2027-03-02T10:00:01Z") == "2027-03-02T10:00:01.000Z");
  CHECK(normalized_event_time("2027-03-02T10:00:01.5Z") == "2027-03-02T10:00:01.500Z");
  CHECK(normalized_event_time("2027-03-02T10:00:01.123456+00:00") == "2027-03-02T10:00:01.123Z");
  CHECK(normalized_event_time("2027-03-02T10:00:01Z") > normalized_event_time("2027-03-02T10:00:00.999Z"));
  CHECK(normalized_event_time("yesterday") == "yesterday");
}
