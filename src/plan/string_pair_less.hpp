#pragma once
// Orders std::pair<std::string, std::string> keys as std::less does, and lets
// a map keyed by them be searched with a pair of string_views: the planner
// looks up (key, purpose) once per slot, and building the pair of strings
// copied a 64-character sha256 each time. Private to module plan.
#include <string>
#include <string_view>
#include <utility>

namespace ugc::plan {

using StringViewPair = std::pair<std::string_view, std::string_view>;

struct StringPairLess {
  using is_transparent = void;
  // Compared as views: clang 14 cannot compare tuples of string and string_view.
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    const std::string_view a1 = a.first, b1 = b.first;
    if (a1 != b1) return a1 < b1;
    return std::string_view(a.second) < std::string_view(b.second);
  }
};

}  // namespace ugc::plan
