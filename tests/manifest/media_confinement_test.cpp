// Media confinement: a campaign file may only name media (and a profile
// picture) inside its own directory, symlinks followed, unless the command
// line widens it with --media-root; only regular files whose content is a
// type the API accepts. Each case is a real directory tree on disk.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fixtures.hpp"
#include "support/child_process.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/manifest/media_type.hpp"

using namespace manifest_test;
using ugc::manifest::ParseOptions;

namespace {

const std::string kConfinedMp4 = std::string("\0\0\0\x18" "ftypmp42", 12) + "confined video";
const std::string kConfinedPng = "\x89PNG\r\n\x1A\n confined logo";

// <tmp>/project/{campaign.yaml, media/clip.mp4, media/logo.png} and, beside
// the project, <tmp>/outside/{secret.mp4, logo.png}: valid media, so only
// where they are decides.
class MediaRootRig {
 public:
  MediaRootRig() {
    std::filesystem::create_directories(project() + "/media");
    std::filesystem::create_directories(outside());
    write(project() + "/media/clip.mp4", kConfinedMp4);
    write(project() + "/media/logo.png", kConfinedPng);
    write(outside() + "/secret.mp4", kConfinedMp4 + " secret");
    write(outside() + "/logo.png", kConfinedPng);
  }

  std::string project() const { return dir_.file("project"); }
  std::string outside() const { return dir_.file("outside"); }
  std::string campaign() const { return project() + "/campaign.yaml"; }

  static void write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }

  // The minimal campaign with its video's file and profile picture replaced.
  ugc::manifest::ParseOutcome parse(const std::string& video_file, const std::string& picture = "media/logo.png",
                                    const ParseOptions& options = {}) const {
    std::string text = minimal_campaign();
    text.replace(text.find("media/clip.mp4"), 14, "'" + video_file + "'");
    text.replace(text.find("media/logo.png"), 14, "'" + picture + "'");
    write(campaign(), text);
    return ugc::manifest::parse_campaign_file(campaign(), options);
  }

 private:
  ugc::testing::TempDir dir_;
};

// The error diagnostic `rule` (a copy: the outcome is often a temporary),
// checked to name `path` (as written).
ugc::manifest::Diagnostic refused_media(const ugc::manifest::ParseOutcome& outcome, const std::string& rule,
                                         const std::string& path) {
  INFO(dump(outcome.diagnostics));
  CHECK_FALSE(outcome.campaign);
  const auto* d = find_rule(outcome.diagnostics, rule);
  REQUIRE(d);
  CHECK(d->message.find("'" + path + "'") != std::string::npos);
  CHECK(d->where.line > 0);
  return *d;
}

}  // namespace

TEST_CASE("media with an absolute path outside the campaign directory is refused, naming the path") {
  MediaRootRig rig;
  const auto d = refused_media(rig.parse("/etc/passwd"), "media-outside-root", "/etc/passwd");
  CHECK(d.where.line == 8);
  CHECK(d.message.find("--media-root") != std::string::npos);
  // Refused for where it is, not for what it is: a valid video outside is refused too.
  refused_media(rig.parse(rig.outside() + "/secret.mp4"), "media-outside-root", rig.outside() + "/secret.mp4");
}

TEST_CASE("a ../ traversal out of the campaign directory is refused") {
  MediaRootRig rig;
  refused_media(rig.parse("../outside/secret.mp4"), "media-outside-root", "../outside/secret.mp4");
  refused_media(rig.parse("../../../../../../../../etc/passwd"), "media-outside-root", "../../../../../../../../etc/passwd");
  refused_media(rig.parse("media/../../outside/secret.mp4"), "media-outside-root", "media/../../outside/secret.mp4");
  auto inside = rig.parse("media/../media/clip.mp4");
  INFO(dump(inside.diagnostics));
  CHECK(inside.campaign);
}

TEST_CASE("a profile_picture traversal is refused at the profile_picture line") {
  MediaRootRig rig;
  const auto d = refused_media(rig.parse("media/clip.mp4", "../outside/logo.png"), "media-outside-root",
                          "../outside/logo.png");
  CHECK(d.where.line == 16);
  CHECK(d.message.find("profile_picture") != std::string::npos);
  refused_media(rig.parse("media/clip.mp4", "/etc/passwd"), "media-outside-root", "/etc/passwd");
}

TEST_CASE("a symlink inside media/ pointing outside is refused, one pointing inside is accepted") {
  MediaRootRig rig;
  std::filesystem::create_symlink(rig.outside() + "/secret.mp4", rig.project() + "/media/abs-link.mp4");
  std::filesystem::create_symlink("../../outside/secret.mp4", rig.project() + "/media/rel-link.mp4");
  std::filesystem::create_directory_symlink(rig.outside(), rig.project() + "/media/linked-dir");
  std::filesystem::create_symlink("/etc/passwd", rig.project() + "/media/passwd.mp4");
  for (const char* link : {"media/abs-link.mp4", "media/rel-link.mp4", "media/linked-dir/secret.mp4",
                           "media/passwd.mp4"}) {
    CAPTURE(link);
    const auto d = refused_media(rig.parse(link), "media-outside-root", link);
    CHECK(d.message.find("through a symlink") != std::string::npos);
  }
  std::filesystem::create_symlink(rig.outside() + "/logo.png", rig.project() + "/media/logo-link.png");
  refused_media(rig.parse("media/clip.mp4", "media/logo-link.png"), "media-outside-root", "media/logo-link.png");

  std::filesystem::create_symlink("clip.mp4", rig.project() + "/media/alias.mp4");
  auto inside = rig.parse("media/alias.mp4");
  INFO(dump(inside.diagnostics));
  REQUIRE(inside.campaign);
  CHECK(inside.campaign->media.front().sha256 == ugc::sha256_hex(kConfinedMp4));
}

TEST_CASE("--media-root widens where media may live, and only there") {
  MediaRootRig rig;
  ParseOptions wider{{rig.outside()}};
  auto outside = rig.parse("../outside/secret.mp4", "../outside/logo.png", wider);
  INFO(dump(outside.diagnostics));
  REQUIRE(outside.campaign);
  CHECK(outside.campaign->media.front().sha256 == ugc::sha256_hex(kConfinedMp4 + " secret"));
  CHECK(outside.campaign->accounts.profile_picture_sha256 == ugc::sha256_hex(kConfinedPng));
  CHECK(rig.parse(rig.outside() + "/secret.mp4", "media/logo.png", wider).campaign);
  // The campaign's own directory stays allowed; anything else stays refused.
  CHECK(rig.parse("media/clip.mp4", "media/logo.png", wider).campaign);
  refused_media(rig.parse("/etc/passwd", "media/logo.png", wider), "media-outside-root", "/etc/passwd");
}

TEST_CASE("a campaign file cannot widen its own media root") {
  MediaRootRig rig;
  std::string text = minimal_campaign();
  text.replace(text.find("media/clip.mp4"), 14, "../outside/secret.mp4");
  text = "media_root: " + rig.outside() + "\n" + text;
  MediaRootRig::write(rig.campaign(), text);
  auto outcome = ugc::manifest::parse_campaign_file(rig.campaign());
  INFO(dump(outcome.diagnostics));
  CHECK_FALSE(outcome.campaign);
  CHECK(find_rule(outcome.diagnostics, "unknown-key"));
  CHECK(find_rule(outcome.diagnostics, "media-outside-root"));
}

TEST_CASE("a directory or a FIFO is refused as media") {
  MediaRootRig rig;
  std::filesystem::create_directories(rig.project() + "/media/folder.mp4");
  refused_media(rig.parse("media/folder.mp4"), "media-not-file", "media/folder.mp4");
  refused_media(rig.parse("media"), "media-not-file", "media");
  refused_media(rig.parse("."), "media-not-file", ".");
  REQUIRE(::mkfifo((rig.project() + "/media/pipe.mp4").c_str(), 0600) == 0);
  const auto d = refused_media(rig.parse("media/pipe.mp4"), "media-not-file", "media/pipe.mp4");  // and no hang
  CHECK(d.message.find("FIFO") != std::string::npos);
}

TEST_CASE("media is judged by its content, not its name") {
  MediaRootRig rig;
  MediaRootRig::write(rig.project() + "/media/notes.mp4", "these are my notes, not a video\n");
  const auto d = refused_media(rig.parse("media/notes.mp4"), "media-type", "media/notes.mp4");
  CHECK(d.message.find("checked by content") != std::string::npos);
  MediaRootRig::write(rig.project() + "/media/empty.mp4", "");
  refused_media(rig.parse("media/empty.mp4"), "media-type", "media/empty.mp4");
  // A picture is not a video, and a video is not a profile picture.
  MediaRootRig::write(rig.project() + "/media/still.mp4", kConfinedPng);
  CHECK(refused_media(rig.parse("media/still.mp4"), "media-type", "media/still.mp4").message.find("PNG image") !=
        std::string::npos);
  refused_media(rig.parse("media/clip.mp4", "media/clip.mp4"), "media-type", "media/clip.mp4");
  // A real video with an odd name is fine.
  MediaRootRig::write(rig.project() + "/media/clip.bin", kConfinedMp4);
  CHECK(rig.parse("media/clip.bin").campaign);
}

TEST_CASE("the media types the contract accepts are recognised by their magic bytes") {
  using ugc::manifest::MediaKind;
  using ugc::manifest::sniff_media_type;
  using namespace std::string_view_literals;
  struct Case {
    std::string_view head;
    const char* mime;
    MediaKind kind;
  };
  for (const Case& c : {Case{"\0\0\0\x20" "ftypisom"sv, "video/mp4", MediaKind::video},
                        Case{"\0\0\0\x14" "ftypqt  "sv, "video/mp4", MediaKind::video},
                        Case{"\0\0\0\x08" "wide"sv, "video/mp4", MediaKind::video},
                        Case{"\x1A\x45\xDF\xA3\x9F\x42\x86\x81"sv, "video/webm", MediaKind::video},
                        Case{"\xFF\xD8\xFF\xE0\0\x10JFIF"sv, "image/jpeg", MediaKind::image},
                        Case{"\x89PNG\r\n\x1A\n\0\0\0\x0D"sv, "image/png", MediaKind::image},
                        Case{"RIFF\x24\0\0\0WEBPVP8 "sv, "image/webp", MediaKind::image},
                        Case{"GIF89a\x01\0\x01\0"sv, "image/gif", MediaKind::image}}) {
    auto type = sniff_media_type(c.head);
    REQUIRE(type);
    CHECK(std::string(type->mime) == c.mime);
    CHECK(type->kind == c.kind);
  }
  for (std::string_view bad : {""sv, "root:x:0:0:root:/root:/bin/bash"sv, "\x89PNG"sv, "RIFF\x24\0\0\0WAVEfmt "sv,
                               "\xFF\xD8"sv, "ftyp"sv, "%PDF-1.7"sv})
    CHECK_FALSE(sniff_media_type(bad));
}

TEST_CASE("--media-root reaches validate, lint, expand and plan") {
  MediaRootRig rig;
  rig.parse("../outside/secret.mp4");
  auto refused_run = ugc::testing::run_process({UGC_BINARY, "validate", rig.campaign()});
  CHECK(refused_run.exit_code == 1);
  CHECK(refused_run.out.find("media-outside-root") != std::string::npos);
  ugc::testing::TempDir state_dir;
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"validate"}, {"lint"}, {"expand"},
        {"plan", "--state", state_dir.file("none.db"), "--as-of", "2027-01-15"}}) {
    CAPTURE(command.front());
    std::vector<std::string> args = {UGC_BINARY};
    args.insert(args.end(), command.begin(), command.end());
    args.insert(args.end(), {"--media-root", rig.outside(), rig.campaign()});
    auto widened = ugc::testing::run_process(args);
    INFO(widened.out << widened.err);
    CHECK(widened.exit_code == 0);
  }
  // A --media-root that is no directory is a usage error, not a silent no-op.
  auto bad = ugc::testing::run_process({UGC_BINARY, "validate", "--media-root", rig.campaign(), rig.campaign()});
  CHECK(bad.exit_code != 0);
}
