// libFuzzer target: parse_campaign_text must never crash, hang or leak, whatever
// the bytes. Build: CC=clang CXX=clang++ cmake -DUGC_FUZZ=ON -DUGC_SANITIZE=ON; run scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ugc/manifest/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // A path inside the corpus directory: media references resolve to nothing there.
  auto outcome = ugc::manifest::parse_campaign_text(text, "/nonexistent/fuzz/campaign.yaml");
  // Invariant: a campaign comes back exactly when there is no error.
  if (outcome.campaign.has_value() == outcome.has_errors()) __builtin_trap();
  return 0;
}
