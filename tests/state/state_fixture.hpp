#pragma once
// Test support for the state tests: file fingerprints for "nothing changed"
// checks, sample resources, and the fake clock stores run on.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "raw_sqlite.hpp"
#include "ugc/core/hash.hpp"
#include "ugc/state/resources.hpp"
#include "ugc/state/store.hpp"

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

// A closed state file of campaign "wave": `bundles` US bundles with the
// slots "review" (and "unboxing" when `two_slots`), then `journal_rows`
// finished journal rows, enough to spread over many pages.
inline void write_sample_state(const std::string& path, int bundles, bool two_slots, int journal_rows) {
  {
    auto store = Store::open(path, {Access::read_write, true}, fake_clock());
    REQUIRE(store.ok());
    auto tx = store->begin();
    REQUIRE(tx.ok());
    for (int i = 1; i <= bundles; ++i) {
      KnownBundle b = sample_bundle("wave", "US", i);
      REQUIRE(store->upsert_bundle(b).ok());
      REQUIRE(store->upsert_slot(sample_slot(b, "review", 1)).ok());
      if (two_slots) REQUIRE(store->upsert_slot(sample_slot(b, "unboxing", 2)).ok());
    }
    REQUIRE(tx->commit().ok());
  }
  if (journal_rows > 0) REQUIRE(raw_fill_journal(path, journal_rows) == "");
}

}  // namespace ugc::state::testing
