// docs/troubleshooting.md quotes ugc's messages; this keeps them true. Every
// line of its ```text blocks is cut at its `<placeholders>`, and each piece
// (without the punctuation at its ends) must occur in a string literal of
// src/ (adjacent literals joined, as the compiler joins them). A reworded
// message then fails here until the page says what ugc prints.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string doc_test_read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every .cpp and .hpp under src/, with `"a" "b"` literals joined and `\"` unescaped.
std::string joined_source_literals() {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(UGC_SOURCE_DIR) + "/src")) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".cpp" || ext == ".hpp") all += doc_test_read(entry.path().string()) + "\n";
  }
  all = std::regex_replace(all, std::regex(R"re("\s*\n\s*")re"), "");
  return std::regex_replace(all, std::regex(R"re(\\")re"), "\"");
}

// The lines of the ```text blocks of a markdown page.
std::vector<std::string> quoted_messages(const std::string& markdown) {
  std::vector<std::string> lines;
  std::istringstream in(markdown);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      inside = !inside && line == "```text";
      continue;
    }
    if (inside && !line.empty()) lines.push_back(line);
  }
  return lines;
}

// The pieces of `message` between placeholders, trimmed of spaces and punctuation; short ones dropped.
// The "error: " main.cpp puts before every error is a piece of its own.
std::vector<std::string> literal_pieces(std::string message) {
  std::vector<std::string> pieces;
  if (message.rfind("error: ", 0) == 0) {
    pieces.push_back("error:");
    message = message.substr(7);
  }
  const std::string ends = " ,.;:()!'\"`";
  const std::regex placeholder("<[^>]*>");
  std::sregex_token_iterator it(message.begin(), message.end(), placeholder, -1), end;
  for (; it != end; ++it) {
    std::string piece = *it;
    const auto first = piece.find_first_not_of(ends), last = piece.find_last_not_of(ends);
    if (first == std::string::npos) continue;
    piece = piece.substr(first, last - first + 1);
    if (piece.size() >= 3) pieces.push_back(piece);
  }
  return pieces;
}

// The pieces of the quoted messages that the source does not hold.
std::vector<std::string> drifted_pieces(const std::string& markdown, const std::string& source) {
  std::vector<std::string> missing;
  for (const std::string& message : quoted_messages(markdown))
    for (const std::string& piece : literal_pieces(message))
      if (source.find(piece) == std::string::npos) missing.push_back(piece + "   (in: " + message + ")");
  return missing;
}

}  // namespace

TEST_CASE("every message quoted in docs/troubleshooting.md is one ugc's source still prints") {
  const std::string page = doc_test_read(std::string(UGC_SOURCE_DIR) + "/docs/troubleshooting.md");
  const std::string source = joined_source_literals();
  // One section per problem the page promises, each with its message.
  for (const char* heading : {"## The state is locked", "## Stale plan", "## Partial apply (exit 3)",
                              "## Rate limited (HTTP 429)", "## Date rules refused", "## Rights expired"}) {
    INFO("heading: " << heading);
    CHECK(page.find(heading) != std::string::npos);
  }
  CHECK(quoted_messages(page).size() >= 15);
  for (const std::string& piece : drifted_pieces(page, source)) FAIL_CHECK("not in src/: " << piece);

  // The check can fail: a reworded message is caught.
  const std::string reworded = "```text\nerror: <file>: the campaign file <f> was modified after planning\n```\n";
  CHECK(drifted_pieces(reworded, source).size() == 1);
  CHECK(drifted_pieces("```text\nerror: <file>: the campaign file <f> changed since this plan was made\n```\n", source)
            .empty());
}
