#include "ugc/analytics/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "ugc/analytics/group_summary.hpp"
#include "ugc/analytics/snapshot_record.hpp"
#include "ugc/state/analytics_snapshots.hpp"

namespace ugc::analytics {
namespace {

struct Counts {
  std::int64_t views = 0, likes = 0, comments = 0, shares = 0;
  void add(const Counts& o) {
    views += o.views;
    likes += o.likes;
    comments += o.comments;
    shares += o.shares;
  }
};

Counts counts_of(const PostMetrics& p) { return {p.views, p.likes, p.comments, p.shares}; }

double rate_of(const Counts& c) {
  return c.views <= 0 ? 0.0 : 100.0 * static_cast<double>(c.likes + c.comments + c.shares) / static_cast<double>(c.views);
}

double round2(double x) { return std::round(x * 100.0) / 100.0; }

double metric_value(const Counts& c, Metric m) {
  switch (m) {
    case Metric::views: return static_cast<double>(c.views);
    case Metric::likes: return static_cast<double>(c.likes);
    case Metric::comments: return static_cast<double>(c.comments);
    case Metric::shares: return static_cast<double>(c.shares);
    case Metric::engagement_rate: return rate_of(c);
  }
  return 0;
}

// One post: its current snapshot and the counts at its baseline.
struct PostFigures {
  const PostMetrics* current = nullptr;
  Counts now, base;
};

Seconds when(const PostMetrics& p) { return parse_timestamp(p.scraped_at).value_or(Seconds{}); }

std::vector<PostFigures> post_figures(const std::vector<PostMetrics>& snapshots, const ComparisonOptions& o,
                                      const BundleScrapes& bundle_scrapes) {
  std::map<std::string, std::vector<const PostMetrics*>> by_post;
  for (const auto& s : snapshots) by_post[s.slot_ref].push_back(&s);
  std::map<std::string, Seconds> bundle_latest = bundle_scrapes;
  for (auto& [ref, list] : by_post) {
    std::stable_sort(list.begin(), list.end(), [](const PostMetrics* a, const PostMetrics* b) { return when(*a) < when(*b); });
    auto& t = bundle_latest[list.back()->bundle_ref];
    t = std::max(t, when(*list.back()));
  }
  std::vector<PostFigures> out;
  for (const auto& [ref, list] : by_post) {
    PostFigures f;
    f.current = list.back();
    f.now = counts_of(*f.current);
    if (o.since) {
      for (const PostMetrics* s : list)
        if (when(*s) < *o.since) f.base = counts_of(*s);
    } else if (when(*f.current) < bundle_latest[f.current->bundle_ref]) {
      f.base = f.now;  // not in its account's latest scrape: unchanged
    } else if (list.size() >= 2) {
      f.base = counts_of(*list[list.size() - 2]);
    }
    out.push_back(f);
  }
  return out;
}

ComparisonRow row_of(const std::string& key, const std::vector<const PostFigures*>& posts, Metric m) {
  ComparisonRow r;
  r.key = key;
  r.posts = static_cast<int>(posts.size());
  Counts now, base;
  std::vector<double> values;
  for (const PostFigures* f : posts) {
    now.add(f->now);
    base.add(f->base);
    values.push_back(metric_value(f->now, m));
    const std::string& at = f->current->scraped_at;
    if (r.oldest_scraped_at.empty() || when(*f->current) < parse_timestamp(r.oldest_scraped_at).value_or(Seconds{}))
      r.oldest_scraped_at = at;
    if (r.newest_scraped_at.empty() || when(*f->current) > parse_timestamp(r.newest_scraped_at).value_or(Seconds{}))
      r.newest_scraped_at = at;
  }
  r.total = round2(metric_value(now, m));
  r.change = round2(metric_value(now, m) - metric_value(base, m));
  r.median = round2(median_of(values));
  double sum = 0;
  for (double v : values) sum += v;
  r.average = values.empty() ? 0 : round2(sum / static_cast<double>(values.size()));
  return r;
}

}  // namespace

const char* to_string(GroupBy by) {
  switch (by) {
    case GroupBy::market: return "market";
    case GroupBy::platform: return "platform";
    case GroupBy::creator: return "creator";
    case GroupBy::video: return "video";
    case GroupBy::caption: return "caption";
    case GroupBy::campaign: return "campaign";
  }
  return "market";
}

const char* to_string(Metric metric) {
  switch (metric) {
    case Metric::views: return "views";
    case Metric::likes: return "likes";
    case Metric::comments: return "comments";
    case Metric::shares: return "shares";
    case Metric::engagement_rate: return "engagement_rate";
  }
  return "views";
}

std::optional<GroupBy> parse_group_by(const std::string& text) {
  for (GroupBy g : {GroupBy::market, GroupBy::platform, GroupBy::creator, GroupBy::video, GroupBy::caption,
                    GroupBy::campaign})
    if (text == to_string(g)) return g;
  return std::nullopt;
}

std::optional<Metric> parse_metric(const std::string& text) {
  for (Metric m : {Metric::views, Metric::likes, Metric::comments, Metric::shares, Metric::engagement_rate})
    if (text == to_string(m)) return m;
  return std::nullopt;
}

std::string group_key(const PostMetrics& p, GroupBy by) {
  auto or_unknown = [](const std::string& s) { return s.empty() ? std::string("(unknown)") : s; };
  switch (by) {
    case GroupBy::market: return or_unknown(p.market);
    case GroupBy::platform: return or_unknown(p.platform);
    case GroupBy::creator: return or_unknown(p.creator);
    case GroupBy::video: return or_unknown(p.video);
    case GroupBy::caption:
      return p.caption_variant.empty() ? or_unknown(p.video) : or_unknown(p.video) + "/" + p.caption_variant;
    case GroupBy::campaign: return or_unknown(p.campaign);
  }
  return "(unknown)";
}

Result<BundleScrapes> load_bundle_scrapes(state::Store& store, const std::string& campaign) {
  auto rows = state::snapshots(store);
  if (!rows) return rows.error();
  BundleScrapes out;
  for (const auto& row : *rows) {
    auto a = account_snapshot_from(row);
    if (!a || a->campaign != campaign) continue;
    auto t = parse_timestamp(a->scraped_at);
    if (!t) continue;
    auto [it, fresh] = out.emplace(row.ref, *t);
    if (!fresh) it->second = std::max(it->second, *t);
  }
  return out;
}

Comparison compare(const std::string& campaign, const std::vector<PostMetrics>& snapshots,
                   const ComparisonOptions& options, const BundleScrapes& bundle_scrapes) {
  Comparison c;
  c.campaign = campaign;
  c.options = options;
  const std::vector<PostFigures> posts = post_figures(snapshots, options, bundle_scrapes);
  std::map<std::string, std::vector<const PostFigures*>> groups;
  std::vector<const PostFigures*> every;
  for (const auto& f : posts) {
    groups[group_key(*f.current, options.by)].push_back(&f);
    every.push_back(&f);
  }
  for (const auto& [key, members] : groups) c.rows.push_back(row_of(key, members, options.metric));
  std::stable_sort(c.rows.begin(), c.rows.end(),
                   [](const ComparisonRow& a, const ComparisonRow& b) { return a.total > b.total; });
  for (std::size_t i = 0; i < c.rows.size(); ++i) c.rows[i].rank = static_cast<int>(i) + 1;
  c.all = row_of("(all)", every, options.metric);
  return c;
}

}  // namespace ugc::analytics
