#include "ugc/manifest/nearest_key.hpp"

#include <algorithm>
#include <cctype>

namespace ugc::manifest {

int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int above = row[j];
      int substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> nearest_key(std::string_view word, const std::vector<std::string>& known) {
  // Long garbage keys are never a typo; skip the quadratic work.
  if (word.size() > 64) return std::nullopt;
  std::string lowered(word);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::optional<std::string> best;
  int best_distance = 0;
  for (const auto& candidate : known) {
    std::string cand_lower = candidate;
    for (char& c : cand_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int d = edit_distance(lowered, cand_lower);
    int longer = static_cast<int>(std::max(word.size(), candidate.size()));
    int allowed = longer <= 3 ? 1 : std::max(2, longer / 3);
    if (d <= allowed && (!best || d < best_distance)) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

std::string join_list(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

}  // namespace ugc::manifest
