// Expansion of campaign files read by the real parser: the example campaign
// and an edited copy of it.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "expand/seed_campaigns.hpp"
#include "ugc/expand/desired_json.hpp"
#include "ugc/expand/expand.hpp"
#include "ugc/expand/slot_dates.hpp"
#include "ugc/manifest/parse.hpp"

using namespace ugc;
using namespace ugc::expand;

using ugc::expand::testing::kWave1;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

DesiredResources expand_text(const std::string& text, const SlotAssignment& previous = {}) {
  auto outcome = manifest::parse_campaign_text(text, kWave1);
  for (const auto& d : outcome.diagnostics)
    if (d.severity == manifest::Severity::error) FAIL_CHECK(d.str());
  REQUIRE(outcome.campaign.has_value());
  auto desired = expand_campaign(*outcome.campaign, previous);
  if (!desired) FAIL(desired.error().message());
  return std::move(*desired);
}

// A new video placed before `morning-routine` in the file.
const char* kNewVideo = R"(  - id: night-routine
    media: creator-01-routine
    captions:
      en: "The two things I do every night #nightroutine #ad"
      fr: "Les deux gestes de chaque soir #routinesoir #ad"
      de: "Zwei Schritte jeden Abend #abendroutine #ad"

)";

}  // namespace

TEST_CASE("ugc-wave-1.yaml expands without date findings, the same way twice") {
  std::string text = read(kWave1);
  REQUIRE_FALSE(text.empty());
  DesiredResources a = expand_text(text);
  DesiredResources b = expand_text(text);
  CHECK(to_json(a).dump() == to_json(b).dump());
  CHECK(a.bundles.size() == 8);
  CHECK(check_slot_dates(a).empty());
  // UK is written in the file; refs use the canonical code.
  CHECK(a.find_bundle("ugc-wave-1-GB-tiktok-1") != nullptr);
  CHECK(a.find_slot("ugc-wave-1-unboxing-GB-tiktok") != nullptr);
}

TEST_CASE("adding a video in the middle of ugc-wave-1.yaml leaves every existing slot where it was") {
  std::string text = read(kWave1);
  DesiredResources before = expand_text(text);
  auto at = text.find("  - id: morning-routine");
  REQUIRE(at != std::string::npos);
  std::string edited = text;
  edited.insert(at, kNewVideo);
  DesiredResources after = expand_text(edited, assignment_of(before));
  for (const auto& slot : before.slots) {
    CAPTURE(slot.external_ref);
    const DesiredSlot* now = after.find_slot(slot.external_ref);
    REQUIRE(now != nullptr);
    CHECK(now->bundle_ref == slot.bundle_ref);
    CHECK(now->position == slot.position);
    CHECK(now->publish_date == slot.publish_date);
  }
  CHECK(after.slots.size() == before.slots.size() + 6);  // US x2, GB, FR, DE x2
  CHECK(after.find_slot("ugc-wave-1-night-routine-DE-instagram") != nullptr);
}
