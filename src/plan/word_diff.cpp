#include "ugc/plan/word_diff.hpp"

#include <sstream>

namespace ugc::plan {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

void push(std::vector<WordDiffPiece>& out, WordDiffPiece::Op op, const std::string& word) {
  if (!out.empty() && out.back().op == op) {
    out.back().text += " " + word;
  } else {
    out.push_back({op, word});
  }
}

}  // namespace

std::vector<WordDiffPiece> word_diff(const std::string& before, const std::string& after) {
  const auto a = words_of(before);
  const auto b = words_of(after);
  // Captions are short (hundreds of words at most): the quadratic LCS table is fine.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<WordDiffPiece> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      push(out, WordDiffPiece::Op::same, a[i]);
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // Removed words first, so a replacement reads "[-old-] {+new+}".
      push(out, WordDiffPiece::Op::removed, a[i++]);
    } else {
      push(out, WordDiffPiece::Op::added, b[j++]);
    }
  }
  return out;
}

std::string format_word_diff(const std::vector<WordDiffPiece>& pieces, bool color) {
  std::string out;
  for (const auto& p : pieces) {
    if (!out.empty()) out += " ";
    switch (p.op) {
      case WordDiffPiece::Op::same: out += p.text; break;
      case WordDiffPiece::Op::removed:
        out += color ? "\x1b[31m[-" + p.text + "-]\x1b[0m" : "[-" + p.text + "-]";
        break;
      case WordDiffPiece::Op::added:
        out += color ? "\x1b[32m{+" + p.text + "+}\x1b[0m" : "{+" + p.text + "+}";
        break;
    }
  }
  return out;
}

}  // namespace ugc::plan
