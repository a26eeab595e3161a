#pragma once
// Test support for the state tests: file fingerprints for "nothing changed"
// checks, sample resources, and the fake clock stores run on.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::state::testing {

using ugc::testing::FakeClock;
using ugc::testing::TempDir;

// A fresh fake clock for a Store that needs one and no test looks at.
inline std::shared_ptr<Clock> fake_clock() { return std::make_shared<FakeClock>(); }

// sha256 of a file's bytes; "missing" when it cannot be read.
inline std::string fingerprint(const std::string& path) {
  auto h = sha256_file_hex(path);
  return h ? *h : "missing";
}

inline KnownBundle sample_bundle(const std::string& campaign, const std::string& market, int n) {
  KnownBundle b;
  b.external_ref = campaign + "-" + market + "-tiktok-" + std::to_string(n);
  b.id = "B" + std::to_string(1000 + n);
  b.campaign = campaign;
  b.market = market;
  b.country = market == "US" ? "USA" : market;
  b.platform = "tiktok";
  b.index = n;
  b.videos_quantity = 6;
  b.status = "pending_setup";
  return b;
}

inline KnownSlot sample_slot(const KnownBundle& bundle, const std::string& video, int position) {
  KnownSlot s;
  s.external_ref = bundle.campaign + "-" + video + "-" + bundle.market + "-" + bundle.platform + "-" +
                   std::to_string(bundle.index);
  s.bundle_ref = bundle.external_ref;
  s.position = position;
  s.video_id = "V" + std::to_string(position);
  s.campaign_video = video;
  s.media_sha256 = std::string(64, 'a');
  s.video_url = "https://cdn.example.com/" + video + ".mp4";
  s.caption = "Caption for " + video + " #ad";
  s.publish_date = "2027-03-0" + std::to_string(1 + position % 9);
  s.status = "configured";
  return s;
}

}  // namespace ugc::state::testing
