#include "ugc/analytics/comparison_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ugc/core/json.hpp"

namespace ugc::analytics {
namespace {

bool is_rate(const Comparison& c) { return c.options.metric == Metric::engagement_rate; }

// Counts are whole numbers; everything else has 2 decimals.
std::string number_text(double v, bool whole) { return whole ? fmt::format("{:.0f}", v) : fmt::format("{:.2f}", v); }

Json number_json(double v, bool whole) {
  if (whole) return static_cast<std::int64_t>(v);
  return v;
}

std::string baseline_text(const Comparison& c) {
  return c.options.since ? "change since " + iso_utc(*c.options.since) : "change since the previous snapshot";
}

struct DataAge {
  std::string oldest, newest;
  std::optional<std::chrono::seconds> age;  // of the oldest figure, when `now` is known and later
};

DataAge data_age(const Comparison& c, std::optional<Seconds> now) {
  DataAge d{c.all.oldest_scraped_at, c.all.newest_scraped_at, std::nullopt};
  auto oldest = parse_timestamp(d.oldest);
  if (now && oldest && *now >= *oldest) d.age = *now - *oldest;
  return d;
}

std::string row_cell(const ComparisonRow& r, int column, bool rate) {
  switch (column) {
    case 0: return r.rank ? std::to_string(r.rank) : "";
    case 1: return r.key;
    case 2: return std::to_string(r.posts);
    case 3: return number_text(r.total, !rate);
    case 4: return number_text(r.median, false);
    case 5: return number_text(r.average, false);
    case 6: return (r.change > 0 ? "+" : "") + number_text(r.change, !rate);
    case 7: return r.newest_scraped_at;
  }
  return "";
}

std::string render_table(const Comparison& c, std::optional<Seconds> now) {
  const bool rate = is_rate(c);
  std::string out = fmt::format("Campaign {}: {} by {} ({})\n", c.campaign, to_string(c.options.metric),
                                to_string(c.options.by), baseline_text(c));
  const DataAge age = data_age(c, now);
  if (c.rows.empty()) return out + "No analytics stored yet: run `ugc analytics pull` first.\n";
  out += "Data scraped " + age.oldest + (age.newest != age.oldest ? " to " + age.newest : "");
  out += age.age ? " (oldest " + age_text(*age.age) + " old)\n" : "\n";
  std::string total_header = rate ? "RATE %" : "TOTAL";
  const std::vector<std::string> headers = {"RANK", fmt::format("{}", to_string(c.options.by)), "POSTS",
                                            total_header, "MEDIAN", "AVG/POST", "CHANGE", "SCRAPED_AT"};
  std::vector<std::vector<std::string>> cells;
  cells.push_back(headers);
  std::transform(cells[0][1].begin(), cells[0][1].end(), cells[0][1].begin(), ::toupper);
  for (const auto& r : c.rows) {
    std::vector<std::string> line;
    for (int col = 0; col < 8; ++col) line.push_back(row_cell(r, col, rate));
    cells.push_back(line);
  }
  std::vector<std::string> all;
  for (int col = 0; col < 8; ++col) all.push_back(row_cell(c.all, col, rate));
  cells.push_back(all);
  std::vector<std::size_t> width(8, 0);
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const bool numeric = i == 0 || i >= 2;
      const std::size_t pad = width[i] - line[i].size();
      if (i) text += "  ";
      text += numeric && i != 7 ? std::string(pad, ' ') + line[i] : line[i] + std::string(i + 1 < line.size() ? pad : 0, ' ');
    }
    out += text + "\n";
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

std::string render_csv(const Comparison& c) {
  const bool rate = is_rate(c);
  std::string out = "rank," + std::string(to_string(c.options.by)) +
                    ",posts,total,median,average,change,oldest_scraped_at,newest_scraped_at\n";
  auto line = [&](const ComparisonRow& r) {
    out += (r.rank ? std::to_string(r.rank) : std::string()) + "," + csv_field(r.key) + "," +
           std::to_string(r.posts) + "," + number_text(r.total, !rate) + "," + number_text(r.median, false) + "," +
           number_text(r.average, false) + "," + number_text(r.change, !rate) + "," + r.oldest_scraped_at + "," +
           r.newest_scraped_at + "\n";
  };
  for (const auto& r : c.rows) line(r);
  if (!c.rows.empty()) line(c.all);
  return out;
}

Json row_json(const ComparisonRow& r, bool rate) {
  return Json{{"rank", r.rank},
              {"group", r.key},
              {"posts", r.posts},
              {"total", number_json(r.total, !rate)},
              {"median", r.median},
              {"average", r.average},
              {"change", number_json(r.change, !rate)},
              {"oldest_scraped_at", r.oldest_scraped_at},
              {"newest_scraped_at", r.newest_scraped_at}};
}

std::string render_json(const Comparison& c, std::optional<Seconds> now) {
  const bool rate = is_rate(c);
  const DataAge age = data_age(c, now);
  Json rows = Json::array();
  for (const auto& r : c.rows) rows.push_back(row_json(r, rate));
  Json doc = {{"campaign", c.campaign},
              {"by", to_string(c.options.by)},
              {"metric", to_string(c.options.metric)},
              {"baseline", c.options.since ? "since" : "previous_snapshot"},
              {"since", c.options.since ? Json(iso_utc(*c.options.since)) : Json(nullptr)},
              {"data", {{"oldest_scraped_at", age.oldest},
                        {"newest_scraped_at", age.newest},
                        {"age_seconds", age.age ? Json(age.age->count()) : Json(nullptr)}}},
              {"rows", rows},
              {"all", row_json(c.all, rate)}};
  return doc.dump(2) + "\n";
}

}  // namespace

std::optional<ComparisonFormat> parse_comparison_format(const std::string& text) {
  if (text == "table" || text == "text") return ComparisonFormat::table;
  if (text == "csv") return ComparisonFormat::csv;
  if (text == "json") return ComparisonFormat::json;
  return std::nullopt;
}

std::string render_comparison(const Comparison& c, ComparisonFormat format, std::optional<Seconds> now) {
  switch (format) {
    case ComparisonFormat::table: return render_table(c, now);
    case ComparisonFormat::csv: return render_csv(c);
    case ComparisonFormat::json: return render_json(c, now);
  }
  return render_table(c, now);
}

}  // namespace ugc::analytics
