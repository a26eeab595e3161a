// record_effects reads TokPortal's answers through api's typed parsers: what
// it records in the state, and precise errors for answers it cannot use.
#include <doctest/doctest.h>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/apply/effects.hpp"
#include "ugc/state/store.hpp"

using namespace ugc;

namespace {

struct EffectsRig {
  testing::TempDir dir;
  std::unique_ptr<state::Store> store;
  apply::Bindings bindings;

  EffectsRig() {
    auto s = state::Store::open(dir.file("state.db"), {state::Access::read_write, true},
                                 std::make_shared<ugc::testing::FakeClock>());
    REQUIRE(s.ok());
    store = std::make_unique<state::Store>(std::move(*s));
  }

  Status record(const plan::Action& action, const Json& data, const Json& sent_body = Json()) {
    api::Response response;
    response.status = 200;
    response.body = Json{{"data", data}};
    return apply::record_effects(*store, bindings, "wave", action, sent_body, response);
  }
};

plan::BundleRecord bundle_record(const std::string& ref, const std::string& platform, int index) {
  return {ref, "", "GB", "UK", platform, index, 2};
}

plan::Action bulk_action() {
  plan::Action a;
  a.id = "create_bundles_bulk:wave-GB-tiktok-1+3";
  a.kind = plan::ActionKind::create_bundles_bulk;
  a.bundles = {bundle_record("wave-GB-tiktok-1", "tiktok", 1), bundle_record("wave-GB-tiktok-2", "tiktok", 2),
               bundle_record("wave-GB-instagram-1", "instagram", 1)};
  return a;
}

}  // namespace

TEST_CASE("effects: a create answer without an id fails the action, naming it, and records nothing") {
  EffectsRig rig;
  plan::Action a;
  a.id = "create_bundle:wave-GB-tiktok-1";
  a.kind = plan::ActionKind::create_bundle;
  a.bundles = {bundle_record("wave-GB-tiktok-1", "tiktok", 1)};
  Status s = rig.record(a, Json{{"status", "pending_setup"}});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code() == "MALFORMED_RESPONSE");
  CHECK(s.error().message().find("create_bundle:wave-GB-tiktok-1") != std::string::npos);
  CHECK(s.error().message().find("bundle_id") != std::string::npos);
  CHECK_FALSE(*rig.store->find_bundle("wave-GB-tiktok-1"));

  REQUIRE(rig.record(a, Json{{"bundle_id", "b-1"}, {"country", "UK"}}).ok());
  auto b = rig.store->find_bundle("wave-GB-tiktok-1");
  REQUIRE(*b);
  CHECK((*b)->id == "b-1");
  CHECK((*b)->status == "pending_setup");
  CHECK(rig.bindings.bundle_id("wave-GB-tiktok-1") == "b-1");
}

TEST_CASE("effects: bulk bundles go onto the records of their platform, in answer order") {
  EffectsRig rig;
  Json answer = Json::parse(R"({"bundles":[{"id":"t1","platform":"tiktok"},{"id":"i1","platform":"instagram"},
      {"id":"t2","platform":"tiktok"}],"total_count":3})");
  REQUIRE(rig.record(bulk_action(), answer).ok());
  CHECK((*rig.store->find_bundle("wave-GB-tiktok-1"))->id == "t1");
  CHECK((*rig.store->find_bundle("wave-GB-tiktok-2"))->id == "t2");
  CHECK((*rig.store->find_bundle("wave-GB-instagram-1"))->id == "i1");

  EffectsRig short_answer;
  Status s = short_answer.record(bulk_action(), Json::parse(R"({"bundles":[{"id":"t1","platform":"tiktok"},
      {"id":"i1","platform":"instagram"}]})"));
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code() == "MALFORMED_RESPONSE");
  CHECK(s.error().message().find("fewer tiktok bundles than planned (1)") != std::string::npos);
}

TEST_CASE("effects: a batch records the positions it configured, with the URL sent, and fails on a refused one") {
  EffectsRig rig;
  REQUIRE(rig.store->upsert_bundle({"wave-GB-tiktok-1", "b-1", "wave", "GB", "UK", "tiktok", 1, 2, "pending_setup",
                                    std::nullopt, "", ""})
              .ok());
  plan::Action a;
  a.id = "configure_videos:wave-GB-tiktok-1";
  a.kind = plan::ActionKind::configure_videos;
  a.bundle_ref = "wave-GB-tiktok-1";
  for (int p : {1, 2}) {
    plan::SlotRecord r;
    r.external_ref = "wave-v" + std::to_string(p) + "-GB-tiktok";
    r.bundle_ref = "wave-GB-tiktok-1";
    r.position = p;
    r.video_url = "{media:m" + std::to_string(p) + "}";
    r.publish_date = "2027-03-0" + std::to_string(p);
    r.status_after = "configured";
    a.slots.push_back(r);
  }
  Json sent = Json::parse(R"({"videos":[{"position":1,"video_url":"https://cdn.test/1.mp4"},
      {"position":2,"video_url":"https://cdn.test/2.mp4"}],"auto_publish":false})");
  Json answer = Json::parse(R"({"videos":[{"position":1,"video":{"id":"v1","status":"configured"}},
      {"position":2,"error":{"code":"INVALID_DATE","message":"too soon"}}]})");
  Status s = rig.record(a, answer, sent);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code() == "BATCH_PARTIAL_FAILURE");
  CHECK(s.error().message().find("position 2: INVALID_DATE too soon") != std::string::npos);
  auto first = rig.store->find_slot("wave-v1-GB-tiktok");
  REQUIRE(*first);
  CHECK((*first)->video_id == "v1");
  CHECK((*first)->video_url == "https://cdn.test/1.mp4");
  CHECK((*first)->status == "configured");
  CHECK_FALSE(*rig.store->find_slot("wave-v2-GB-tiktok"));
}
