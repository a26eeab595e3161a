// `ugc plan` costs work in proportion to the campaign: at 10x the slots,
// parsing, planning (against an empty and a fully applied state), every
// renderer and the saved plan make at most kScalingLimit x the heap
// allocations and allocated bytes; so does the captions review (lint as of
// the plan's day and the review beside the plan). A lookup or a string built in a loop that
// turns quadratic again fails here, without timing anything.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "allocation_count.hpp"
#include "campaign_generator.hpp"
#include "plan_fixture.hpp"
#include "ugc/core/byte_sink.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/manifest/countries.hpp"
#include "ugc/manifest/lint.hpp"
#include "ugc/manifest/parse.hpp"
#include "ugc/plan/caption_review.hpp"
#include "ugc/plan/render.hpp"
#include "ugc/plan/saved_plan.hpp"

using namespace ugc;
using namespace ugc::plan;
using namespace ugc::plan::testing;

namespace {

// Linear is 10x; the margin covers fixed costs and rounding of container growth.
constexpr double kScalingLimit = 12.0;

// Counts what it is given and keeps nothing: only the renderers' own allocations count.
class DiscardSink : public ByteSink {
 public:
  void write(std::string_view bytes) override { written += bytes.size(); }
  std::size_t written = 0;
};

struct ScalingInputs {
  std::string campaign_file;
  PlanInputs inputs;
  state::KnownResources applied;
};

ScalingInputs scaling_inputs(const std::string& dir, int videos) {
  bench::GeneratorOptions gen;
  int markets = 0;
  for (const auto& m : bench::generator_markets())
    if (manifest::canonical_market(m.code)) ++markets; else break;
  gen.markets = std::min(50, markets);
  gen.videos = videos;
  ScalingInputs s;
  s.campaign_file = dir + "/scale-" + std::to_string(videos) + ".yaml";
  std::ofstream(s.campaign_file) << bench::generate_campaign_yaml(gen);
  s.inputs = inputs_as_of("2027-02-01");
  s.inputs.campaign_file = s.campaign_file;
  s.inputs.campaign_sha256 = *sha256_file_hex(s.campaign_file);
  auto campaign = manifest::load_campaign(s.campaign_file);
  REQUIRE(campaign.ok());
  auto plan = plan_campaign(*campaign, {}, s.inputs);
  REQUIRE(plan.ok());
  auto store = state::Store::open(dir + "/scale-" + std::to_string(videos) + ".db",
                                  {state::Access::read_write, true}, make_system_clock());
  REQUIRE(store.ok());
  auto tx = store->begin();
  REQUIRE(tx.ok());
  REQUIRE(record_applied(*store, *plan).ok());
  REQUIRE(tx->commit().ok());
  auto known = store->load(campaign->id);
  REQUIRE(known.ok());
  s.applied = std::move(*known);
  return s;
}

struct StageCounts {
  AllocationCount parse, plan_empty, plan_applied, review, text, json, markdown, saved;
};

StageCounts count_stages(const ScalingInputs& s) {
  StageCounts c;
  std::optional<manifest::Campaign> campaign;
  c.parse = count_allocations([&] { campaign = *manifest::load_campaign(s.campaign_file); });
  std::optional<Plan> empty, applied;
  c.plan_empty = count_allocations([&] { empty = *plan_campaign(*campaign, {}, s.inputs); });
  c.plan_applied = count_allocations([&] { applied = *plan_campaign(*campaign, s.applied, s.inputs); });
  REQUIRE(empty->has_changes());
  c.review = count_allocations([&] {
    const manifest::LintOptions lint{empty->today, std::nullopt};
    const CaptionReview review = review_captions(*empty, &*campaign, manifest::lint_campaign_findings(*campaign, lint));
    CHECK(review.new_captions > 0);
  });
  RenderOptions unlimited;  // markdown without the comment limit: every item rendered
  DiscardSink out;
  c.text = count_allocations([&] { make_renderer(RenderFormat::text, unlimited)->write(*empty, out); });
  c.json = count_allocations([&] { make_renderer(RenderFormat::json, unlimited)->write(*empty, out); });
  c.markdown = count_allocations([&] { make_renderer(RenderFormat::markdown, unlimited)->write(*empty, out); });
  const SavedPlan saved{*empty, "state-id", true};
  c.saved = count_allocations([&] { write_saved_plan_json(saved, out); });
  return c;
}

void check_scaling(const char* stage, const AllocationCount& small, const AllocationCount& big) {
  const double calls = static_cast<double>(big.allocations) / static_cast<double>(std::max<std::size_t>(1, small.allocations));
  const double bytes = static_cast<double>(big.bytes) / static_cast<double>(std::max<std::size_t>(1, small.bytes));
  MESSAGE(std::string(stage) << ": " << small.allocations << " -> " << big.allocations << " allocations (" << calls << "x), "
                << small.bytes << " -> " << big.bytes << " bytes (" << bytes << "x)");
  CHECK_MESSAGE(calls <= kScalingLimit, std::string(stage) << " allocations grew " << calls << "x for 10x the slots");
  CHECK_MESSAGE(bytes <= kScalingLimit, std::string(stage) << " allocated bytes grew " << bytes << "x for 10x the slots");
}

}  // namespace

TEST_CASE("plan scaling: 10x the slots costs at most 12x the allocations in every stage and format") {
  if (!allocation_counting_available()) {
    MESSAGE("allocation counting is off under AddressSanitizer");
    return;
  }
  TempDir dir;
  // 50 markets x 2 platforms x 10 / 100 videos: 1,000 and 10,000 slots.
  const StageCounts small = count_stages(scaling_inputs(dir.path(), 10));
  const StageCounts big = count_stages(scaling_inputs(dir.path(), 100));
  check_scaling("parse", small.parse, big.parse);
  check_scaling("plan against an empty state", small.plan_empty, big.plan_empty);
  check_scaling("plan against the applied state", small.plan_applied, big.plan_applied);
  check_scaling("captions review", small.review, big.review);
  check_scaling("text", small.text, big.text);
  check_scaling("json", small.json, big.json);
  check_scaling("markdown", small.markdown, big.markdown);
  check_scaling("saved plan", small.saved, big.saved);
}
