// Apply sends only the media the plan showed: a file swapped after
// `ugc plan --out` makes apply refuse the saved plan (nothing sent, nothing
// recorded),
// and media outside the campaign's directory is refused unless --media-root
// widens it. The real `ugc` binary against a real `ugc sim` child.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "apply/apply_session.hpp"
#include "ugc/core/hash.hpp"

using ugc::Json;
using ugc::testing::ApplySession;
using ugc::testing::RunResult;

namespace {

const std::string kVerifiedSmall = std::string(UGC_TEST_DATA) + "/apply/small";

Json json_of(const RunResult& r) {
  INFO("stdout: " << r.out);
  INFO("stderr: " << r.err);
  Json doc = Json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

// Requests the simulator handled whose path ends with `path`.
int uploads_received(const ApplySession& s, const std::string& path) {
  int n = 0;
  for (const Json& r : s.api_requests()) n += r.value("path", "").ends_with(path) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("apply e2e: a media file swapped after plan --out is refused before any request, nothing recorded") {
  ApplySession s(kVerifiedSmall);
  const std::string video = s.file("media/review.mp4");
  auto planned_sha = ugc::sha256_file_hex(video);
  REQUIRE(planned_sha.ok());
  RunResult saved = s.ugc({"plan", s.campaign(), "--state", s.state(), "--out", s.file("wave.plan.json")});
  INFO("plan stderr: " << saved.err);
  REQUIRE(saved.exit_code == 0);

  // Still a valid video, only not the one planned.
  std::string swapped = std::string("\0\0\0\x18" "ftypmp42", 12) + "another take, swapped after the plan";
  std::ofstream(video, std::ios::binary | std::ios::trunc) << swapped;
  const std::string swapped_sha = ugc::sha256_hex(swapped);

  // Apply plans again before it sends anything: the fresh plan uploads other
  // bytes than the reviewed one, so the saved plan is refused, naming the
  // upload. (A swap during the upload itself fails with FILE_CHANGED:
  // tests/api/upload_verification_test.cpp.)
  RunResult applied = s.ugc({"apply", s.file("wave.plan.json"), "--auto-approve", "--state", s.state()});
  INFO("apply stderr: " << applied.err);
  CHECK(applied.exit_code == 1);
  CHECK(applied.err.find("upload_media:" + *planned_sha) != std::string::npos);
  CHECK(applied.err.find("upload_media:" + swapped_sha) != std::string::npos);

  // The simulator got no upload at all, and no state was written.
  CHECK(uploads_received(s, "/upload/video/direct") == 0);
  CHECK(uploads_received(s, "/upload/image/direct") == 0);
  CHECK_FALSE(std::filesystem::exists(s.state()));

  // A later plan offers the swapped file, under its own hash.
  RunResult replanned = s.ugc({"plan", s.campaign(), "--state", s.state(), "--format", "json"});
  REQUIRE(replanned.exit_code == 0);
  bool upload_planned = false;
  const Json replan = json_of(replanned);
  for (const Json& a : replan["actions"])
    upload_planned |= a.value("id", "") == "upload_media:" + swapped_sha;
  CHECK(upload_planned);
}

TEST_CASE("apply e2e: media outside the campaign's directory is refused before any request, unless --media-root") {
  ApplySession s(kVerifiedSmall);
  ugc::testing::TempDir elsewhere;
  std::filesystem::copy_file(s.file("media/review.mp4"), elsewhere.file("review.mp4"));
  s.edit_campaign("file: media/review.mp4", "file: " + elsewhere.file("review.mp4"));

  RunResult refused = s.apply();
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("media-outside-root") != std::string::npos);
  CHECK(refused.err.find(elsewhere.file("review.mp4")) != std::string::npos);
  for (const Json& r : s.api_requests()) CHECK_FALSE(ApplySession::mutating(r));

  RunResult widened = s.apply({"--media-root", elsewhere.path()});
  INFO("stderr: " << widened.err);
  CHECK(widened.exit_code == 0);
  CHECK(uploads_received(s, "/upload/video/direct") == 1);
}
