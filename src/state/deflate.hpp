#pragma once
// zlib compression of the large JSON texts the state keeps (run history: a
// 20,000-slot plan is ~22 MB of JSON; plan-like JSON deflates about 25x). Private
// to src/state.
#include <string>
#include <string_view>

#include "ugc/core/result.hpp"

namespace ugc::state {

// zlib format (RFC 1950), default level.
std::string deflate_text(std::string_view text);
// Reverses deflate_text; `size` is the original length (kept beside the
// bytes). io error when the bytes are not a zlib stream of that length.
Result<std::string> inflate_text(std::string_view bytes, std::size_t size);

}  // namespace ugc::state
