#pragma once
// "Did you mean ...?": the closest known word to a misspelt one, by edit distance.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ugc::manifest {

// Levenshtein distance (insert, delete, substitute each cost 1).
int edit_distance(std::string_view a, std::string_view b);
// The known word closest to `word`, if it is close enough to be a plausible typo
// (distance 1 for words up to 3 letters, else at most a third of the
// longer word, minimum 2); ties go to the first.
std::optional<std::string> nearest_key(std::string_view word, const std::vector<std::string>& known);
// "a, b, c" for messages.
std::string join_list(const std::vector<std::string>& items, std::string_view sep = ", ");

}  // namespace ugc::manifest
