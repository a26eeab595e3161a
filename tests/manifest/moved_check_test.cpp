// `moved:` entries as `ugc validate` checks them: `to` names a video id,
// market key, creator id or an external_ref of the campaign; an entry that
// names nothing is an error suggesting the nearest id.
#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace manifest_test;

namespace {

std::vector<ugc::manifest::Diagnostic> moved_diagnostics(const std::string& entries) {
  return parse_here(minimal_campaign() + "moved:\n" + entries).diagnostics;
}

}  // namespace

TEST_CASE("moved: ids the user renamed are accepted") {
  std::string file = minimal_campaign();
  file.replace(file.find("- id: v1"), 8, "- id: week-one");
  auto outcome = parse_here(file + "moved:\n  - {from: v1, to: week-one}\n  - {from: old-creator, to: c1}\n"
                                   "  - {from: mini-v0-US-tiktok, to: mini-week-one-US-tiktok}\n");
  INFO(dump(outcome.diagnostics));
  CHECK(outcome.diagnostics.empty());
  REQUIRE(outcome.campaign);
  CHECK(outcome.campaign->moved.size() == 3);
}

TEST_CASE("moved: a 'to' that names nothing is an error at its line with the nearest id") {
  auto ds = moved_diagnostics("  - {from: teaser, to: v2}\n");
  INFO(dump(ds));
  const auto* d = find_rule(ds, "moved-unmatched");
  REQUIRE(d);
  CHECK(d->severity == ugc::manifest::Severity::error);
  CHECK(d->where.line == 24);  // the entry, after the 22 lines of the minimal campaign and `moved:`
  CHECK(d->message.find("'v2' is not a video id, market key, creator id or external_ref") != std::string::npos);
  CHECK(d->message.find("did you mean 'v1'?") != std::string::npos);
}

TEST_CASE("moved: an old id still in the file is an error") {
  std::string file = minimal_campaign() +
                     "  - id: v2\n    media: clip\n    captions: {en: \"Week two #ad\", fr: \"Semaine deux #ad\"}\n";
  auto ds = parse_here(file + "moved:\n  - {from: v1, to: v2}\n").diagnostics;
  INFO(dump(ds));
  const auto* d = find_rule(ds, "moved-unmatched");
  REQUIRE(d);
  CHECK(d->message.find("video 'v1' is still in the file") != std::string::npos);
}
