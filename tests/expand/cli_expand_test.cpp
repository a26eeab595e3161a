// `ugc expand` end to end: the real binary on the example campaign.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "expand/seed_campaigns.hpp"
#include "ugc/core/json.hpp"

using ugc::expand::testing::kWave1;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

Run run(const std::string& args) {
  std::string command = std::string(UGC_BINARY) + " " + args + " 2>/dev/null";
  Run r;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("ugc expand --format json prints every bundle and slot of ugc-wave-1 with its external_ref") {
  REQUIRE(std::filesystem::exists(kWave1));
  Run r = run("expand " + kWave1 + " --format json");
  REQUIRE(r.exit_code == 0);
  ugc::Json j = ugc::Json::parse(r.out);
  CHECK(j["campaign"] == "ugc-wave-1");
  // US: tiktok+instagram x 2 accounts; UK(GB): tiktok; FR: tiktok; DE: tiktok+instagram.
  REQUIRE(j["bundles"].size() == 8);
  CHECK(j["bundles"][0]["external_ref"] == "ugc-wave-1-US-tiktok-1");
  CHECK(j["bundles"][4]["external_ref"] == "ugc-wave-1-GB-tiktok-1");
  CHECK(j["bundles"][4]["account"]["username"] == "glowlab.gb1");
  for (const auto& b : j["bundles"]) CHECK(b["external_ref"].get<std::string>().rfind("ugc-wave-1-", 0) == 0);
  REQUIRE(j["slots"].size() > 0);
  bool found = false;
  for (const auto& s : j["slots"]) {
    CHECK_FALSE(s["external_ref"].get<std::string>().empty());
    CHECK_FALSE(s["bundle_ref"].get<std::string>().empty());
    CHECK(s["position"].get<int>() >= 1);
    if (s["external_ref"] == "ugc-wave-1-review-week1-GB-tiktok") {
      found = true;
      CHECK(s["caption"] == "My first week with the serum, honestly reviewed #skincare #ad");
      CHECK(s["publish_date"] == "2027-03-01");
    }
  }
  CHECK(found);
}

TEST_CASE("ugc expand prints the same bytes twice") {
  Run a = run("expand " + kWave1 + " --format json");
  Run b = run("expand " + kWave1 + " --format json");
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  Run t1 = run("expand " + kWave1);
  Run t2 = run("expand " + kWave1 + " --format table");
  REQUIRE(t1.exit_code == 0);
  CHECK(t1.out == t2.out);
}

TEST_CASE("ugc expand --format table: one line per slot under its bundle") {
  Run r = run("expand " + kWave1 + " --format table");
  REQUIRE(r.exit_code == 0);
  auto bundle_line = r.out.find("\nugc-wave-1-FR-tiktok-1  FR tiktok #1  @glowlab.fr1 \"Glow Lab France\"");
  REQUIRE(bundle_line != std::string::npos);
  auto slot_line = r.out.find("ugc-wave-1-review-week1-FR-tiktok", bundle_line);
  auto next_bundle = r.out.find("\nugc-wave-1-DE-tiktok-1", bundle_line);
  REQUIRE(slot_line != std::string::npos);
  CHECK(slot_line < next_bundle);
}

TEST_CASE("ugc expand on a missing or broken file exits 1 with an error, not a crash") {
  CHECK(run("expand /nonexistent/campaign.yaml --format json").exit_code == 1);
  auto broken = std::filesystem::temp_directory_path() / "ugc-expand-broken.yaml";
  {
    FILE* f = std::fopen(broken.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("version: 1\ncampaign: x\nmarkets: [oops\n", f);
    std::fclose(f);
  }
  Run r = run("expand " + broken.string());
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  std::filesystem::remove(broken);
}
