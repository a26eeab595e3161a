#include "ugc/apply/bindings.hpp"

#include <doctest/doctest.h>

using namespace ugc;
using namespace ugc::apply;

TEST_CASE("bindings: bundle ids fill paths, media URLs fill whole body strings") {
  Bindings b;
  b.set_bundle_id("w1-US-tiktok-1", "b-123");
  b.set_media("abc", "https://media.example/abc.mp4", "");
  b.set_media("pic", "https://media.example/pic.png", "profile/pic.png");

  auto path = b.substitute(std::string("/bundles/{bundle:w1-US-tiktok-1}/videos/batch"));
  REQUIRE(path.ok());
  CHECK(*path == "/bundles/b-123/videos/batch");

  Json body = {{"videos", {{{"position", 1}, {"video_url", "{media:abc}"}, {"description", "say {media:abc} hi"}}}},
               {"profile_picture_url", "{media_storage:pic}"},
               {"bundle_id", "{bundle:w1-US-tiktok-1}"}};
  auto out = b.substitute(body);
  REQUIRE(out.ok());
  CHECK((*out)["videos"][0]["video_url"] == "https://media.example/abc.mp4");
  CHECK((*out)["videos"][0]["position"] == 1);
  // Only whole string values are placeholders in a body: captions are user text.
  CHECK((*out)["videos"][0]["description"] == "say {media:abc} hi");
  CHECK((*out)["profile_picture_url"] == "profile/pic.png");
  CHECK((*out)["bundle_id"] == "b-123");
}

TEST_CASE("bindings: remote media passes through, a missing value is an error, never sent literally") {
  Bindings b;
  auto url = b.substitute(Json("{media:https://cdn.example.com/ugc/v.mp4}"));
  REQUIRE(url.ok());
  CHECK(*url == "https://cdn.example.com/ugc/v.mp4");

  auto missing = b.substitute(std::string("/bundles/{bundle:nope}/publish"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message().find("{bundle:nope}") != std::string::npos);
  CHECK_FALSE(b.substitute(Json("{media:deadbeef}")).ok());
  CHECK_FALSE(b.substitute(std::string("/bundles/{bundle:open")).ok());
  CHECK(*b.substitute(std::string("/bundles")) == "/bundles");
}
