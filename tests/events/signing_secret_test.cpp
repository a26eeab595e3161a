// Where the signing secret may come from: a file only its owner can read, or
// UGC_WEBHOOK_SECRET; never both, never empty.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "support/temp_dir.hpp"
#include "ugc/events/signing_secret.hpp"

using ugc::events::load_signing_secret;

TEST_CASE("the signing secret is read from a 0600 file or the environment") {
  ugc::testing::TempDir dir;
  const std::string path = dir.file("secret");
  std::ofstream(path) << "whsec_abc\n";
  ::chmod(path.c_str(), 0600);
  CHECK(load_signing_secret(path, nullptr).value() == "whsec_abc");
  CHECK(load_signing_secret(std::nullopt, "whsec_env").value() == "whsec_env");

  ::chmod(path.c_str(), 0640);
  auto shared = load_signing_secret(path, nullptr);
  REQUIRE_FALSE(shared);
  CHECK(shared.error().message().find("chmod 600") != std::string::npos);
  CHECK(shared.error().message().find("whsec_abc") == std::string::npos);

  ::chmod(path.c_str(), 0600);
  CHECK_FALSE(load_signing_secret(path, "whsec_env"));           // both: ambiguous
  CHECK_FALSE(load_signing_secret(std::nullopt, nullptr));       // neither
  CHECK_FALSE(load_signing_secret(std::nullopt, ""));            // empty variable
  CHECK_FALSE(load_signing_secret(dir.file("missing"), nullptr));
  std::ofstream(path, std::ios::trunc) << "\n";
  CHECK_FALSE(load_signing_secret(path, nullptr));               // empty file
}
