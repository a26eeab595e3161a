#pragma once
// A word-level diff of two texts (longest common subsequence over
// whitespace-separated words), for showing caption edits readably.
#include <string>
#include <vector>

namespace ugc::plan {

struct WordDiffPiece {
  enum class Op { same, removed, added } op = Op::same;
  std::string text;  // one or more words joined by single spaces
};

std::vector<WordDiffPiece> word_diff(const std::string& before, const std::string& after);

// "[-old-]{+new+}" markup (git --word-diff=plain style), or ANSI red/green when `color`.
std::string format_word_diff(const std::vector<WordDiffPiece>& pieces, bool color);

}  // namespace ugc::plan
