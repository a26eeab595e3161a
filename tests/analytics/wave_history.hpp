#pragma once
// A realistic synthetic analytics history shaped like the example campaign
// (campaigns/ugc-wave-1.yaml): four markets, TikTok and Instagram, two
// creators, six videos, one video posted with two caption variants, and five
// daily snapshots in which views grow as reach x (1 - e^(-t/tau)) like the
// simulator's. Reach differs by market, creator and caption variant so every
// kind of insight has something to find; GB has too few posts of the second
// creator to compare creators there. Deterministic.
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ugc/analytics/post_metrics.hpp"

namespace ugc::analytics::testing {

inline const std::map<std::string, std::string>& wave_creator_names() {
  static const std::map<std::string, std::string> names{{"creator-01", "Jane Doe"}, {"creator-02", "Sam Lee"}};
  return names;
}

// A stable draw in [0, 1) from a string (FNV-1a).
inline double wave_jitter(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return static_cast<double>(h % 10000) / 10000.0;
}

struct WavePost {
  std::string market, platform, creator, video, variant;
};

inline std::vector<WavePost> wave_posts() {
  struct MarketShape {
    const char* market;
    std::vector<const char*> platforms;
  };
  const std::vector<MarketShape> markets{
      {"US", {"tiktok", "instagram"}}, {"GB", {"tiktok"}}, {"FR", {"tiktok"}}, {"DE", {"tiktok", "instagram"}}};
  struct VideoShape {
    const char* id;
    const char* creator;
    std::vector<std::string> markets;
  };
  const std::vector<VideoShape> videos{
      {"review-week1", "creator-01", {"US", "GB", "FR", "DE"}},
      {"review-month1", "creator-01", {"US", "GB", "FR", "DE"}},
      {"morning-routine", "creator-01", {"US", "GB", "FR", "DE"}},
      {"unboxing", "creator-02", {"US", "GB"}},
      {"unboxing-us-followup", "creator-02", {"US"}},
      {"routine-fr-de", "creator-01", {"FR", "DE"}},
  };
  std::vector<WavePost> out;
  int routine_posts = 0;
  for (const auto& m : markets)
    for (const char* platform : m.platforms)
      for (const auto& v : videos) {
        bool in_market = false;
        for (const auto& vm : v.markets) in_market = in_market || vm == m.market;
        if (!in_market) continue;
        std::string variant;
        if (std::string(v.id) == "morning-routine") variant = routine_posts++ % 2 == 0 ? "question-hook" : "list-hook";
        out.push_back({m.market, platform, v.creator, v.id, variant});
      }
  return out;
}

// Every snapshot, oldest first: five daily scrapes at 09:00 UTC, 2027-03-21..25.
inline std::vector<PostMetrics> wave_history() {
  const std::map<std::string, double> market_reach{{"US", 42000}, {"GB", 23000}, {"FR", 7000}, {"DE", 16000}};
  std::vector<PostMetrics> out;
  const auto posts = wave_posts();
  for (int day = 0; day < 5; ++day) {
    for (std::size_t i = 0; i < posts.size(); ++i) {
      const WavePost& w = posts[i];
      const std::string slot = "ugc-wave-1-" + w.video + "-" + w.market + "-" + w.platform;
      double reach = market_reach.at(w.market) * (w.platform == "instagram" ? 0.6 : 1.0);
      if (w.creator == "creator-02") reach *= 0.55;
      if (w.variant == "question-hook") reach *= 1.5;
      reach *= 0.8 + 0.4 * wave_jitter(slot);
      const double age_days = 3.0 + day + static_cast<double>(i % 4);
      const double views = reach * (1.0 - std::exp(-age_days / 3.0)) + 40.0 * age_days;
      PostMetrics p;
      p.slot_ref = slot;
      p.bundle_ref = "ugc-wave-1-" + w.market + "-" + w.platform + "-1";
      p.campaign = "ugc-wave-1";
      p.market = w.market;
      p.platform = w.platform;
      p.creator = w.creator;
      p.video = w.video;
      p.caption_variant = w.variant;
      p.scraped_at = "2027-03-2" + std::to_string(1 + day) + "T09:0" + std::to_string(i % 6) + ":00Z";
      p.views = static_cast<std::int64_t>(views);
      p.likes = static_cast<std::int64_t>(views * (0.05 + 0.03 * wave_jitter(slot + "likes")));
      p.comments = static_cast<std::int64_t>(views * 0.004);
      p.shares = static_cast<std::int64_t>(views * (0.006 + 0.004 * wave_jitter(slot + "shares")));
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace ugc::analytics::testing
