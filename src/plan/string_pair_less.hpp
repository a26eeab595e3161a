#pragma once
// Orders std::pair<std::string, std::string> keys as std::less does, and lets
// a map keyed by them be searched with a pair of string_views: the planner
// looks up (key, purpose) once per slot, and building the pair of strings
// copied a 64-character sha256 each time. Private to module plan.
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace ugc::plan {

using StringViewPair = std::pair<std::string_view, std::string_view>;

struct StringPairLess {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return std::tie(a.first, a.second) < std::tie(b.first, b.second);
  }
};

}  // namespace ugc::plan
