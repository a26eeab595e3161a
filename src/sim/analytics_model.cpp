#include "ugc/sim/analytics_model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace ugc::sim {
namespace {

// FNV-1a over the seed and the parts, then a splitmix64 finaliser: a stable,
// platform-independent hash (std::hash is neither).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_of(std::uint64_t seed, std::string_view tag, std::string_view a,
                      std::string_view b = {}) {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ mix(seed);
  auto feed = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;  // separator, so ("ab","c") differs from ("a","bc")
    h *= 0x100000001b3ULL;
  };
  feed(tag);
  feed(a);
  feed(b);
  return mix(h);
}

// Uniform in [0, 1).
double unit(std::uint64_t h) { return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0); }

// Standard normal from two uniforms (Box-Muller).
double normal(std::uint64_t h) {
  const double u1 = std::max(unit(h), 1e-12);
  const double u2 = unit(mix(h));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double platform_reach_factor(std::string_view platform) {
  if (platform == "tiktok") return 1.0;
  if (platform == "instagram") return 0.55;
  return 0.3;
}

struct CaptionTraits {
  double reach;       // multiplies views
  double engagement;  // multiplies like/comment rates
};

CaptionTraits caption_traits(std::uint64_t seed, std::string_view caption) {
  const double len = static_cast<double>(caption.size());
  const auto hashtags = static_cast<double>(std::count(caption.begin(), caption.end(), '#'));
  const auto questions = static_cast<double>(std::count(caption.begin(), caption.end(), '?'));
  // Short-to-medium captions with a few hashtags do best; walls of text and
  // hashtag stuffing lose reach. The per-caption "hook" draw is what makes two
  // different captions in the same market compare differently.
  double reach = 1.0 - std::min(0.4, std::abs(len - 90.0) / 400.0);
  reach *= 1.0 + 0.08 * std::min(hashtags, 4.0) - 0.06 * std::max(0.0, hashtags - 5.0);
  reach *= 0.6 + 0.8 * unit(hash_of(seed, "caption-hook", caption));
  double engagement = 1.0 + 0.15 * std::min(questions, 2.0);
  engagement *= 0.8 + 0.4 * unit(hash_of(seed, "caption-engagement", caption));
  return {std::max(0.1, reach), engagement};
}

std::int64_t floor_count(double x) { return x <= 0 ? 0 : static_cast<std::int64_t>(std::floor(x)); }

}  // namespace

double country_reach_factor(std::uint64_t seed, std::string_view country) {
  static const struct { const char* code; double factor; } known[] = {
      {"USA", 1.0}, {"US", 1.0}, {"UK", 0.45}, {"GB", 0.45}, {"FR", 0.38}, {"DE", 0.42},
      {"CA", 0.30}, {"IT", 0.33}, {"ES", 0.34}, {"PH", 0.50}, {"BR", 0.60}, {"MX", 0.48},
      {"AU", 0.25}, {"JP", 0.40}, {"NL", 0.18}, {"IN", 0.70},
  };
  for (const auto& k : known) {
    if (country == k.code) return k.factor;
  }
  return 0.2 + 0.4 * unit(hash_of(seed, "country", country));
}

VideoMetrics video_metrics(std::uint64_t seed, std::string_view video_id, std::string_view country,
                           std::string_view platform, std::string_view caption,
                           double days_since_posted) {
  VideoMetrics m;
  if (!(days_since_posted > 0)) return m;
  const double t = std::min(days_since_posted, 3650.0);
  const CaptionTraits cap = caption_traits(seed, caption);
  const double luck = std::exp(0.6 * normal(hash_of(seed, "video-luck", video_id)));
  const double reach = 20000.0 * country_reach_factor(seed, country) *
                       platform_reach_factor(platform) * cap.reach * luck;
  const double tau = 1.5 + 2.0 * unit(hash_of(seed, "video-tau", video_id));  // days to ~63%
  const double tail = 0.002;  // slow long-tail discovery per day
  const double views = reach * (1.0 - std::exp(-t / tau)) + reach * tail * t;

  const bool tiktok = platform == "tiktok";
  const double like_rate = (tiktok ? 0.075 : 0.055) * cap.engagement *
                           (0.85 + 0.3 * unit(hash_of(seed, "like-rate", video_id)));
  m.views = floor_count(views);
  m.likes = floor_count(views * like_rate);
  m.comments = floor_count(views * like_rate * 0.035 * cap.engagement);
  m.shares = floor_count(views * (tiktok ? 0.006 : 0.004));
  m.bookmarks = floor_count(views * (tiktok ? 0.009 : 0.012));
  return m;
}

std::int64_t account_followers(std::uint64_t seed, std::string_view account_id,
                               std::string_view country, std::string_view platform,
                               double days_since_delivered, std::int64_t total_views) {
  const double base = 5.0 + 40.0 * unit(hash_of(seed, "followers-base", account_id));
  const double days = std::clamp(days_since_delivered, 0.0, 3650.0);
  const double organic = days * (1.0 + 3.0 * country_reach_factor(seed, country)) *
                         (platform == "tiktok" ? 1.0 : 0.7);
  const double converted = 0.004 * static_cast<double>(std::max<std::int64_t>(0, total_views));
  return floor_count(base + organic + converted);
}

std::int64_t account_following(std::uint64_t seed, std::string_view account_id,
                               double days_since_delivered) {
  const double base = 10.0 + 60.0 * unit(hash_of(seed, "following-base", account_id));
  return floor_count(base + 0.5 * std::clamp(days_since_delivered, 0.0, 3650.0));
}

}  // namespace ugc::sim
