#include "deflate.hpp"

#include <zlib.h>

namespace ugc::state {

std::string deflate_text(std::string_view text) {
  uLongf bound = compressBound(static_cast<uLong>(text.size()));
  std::string out(bound, '\0');
  int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &bound, reinterpret_cast<const Bytef*>(text.data()),
                     static_cast<uLong>(text.size()), Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) return {};  // only Z_MEM_ERROR is possible with a compressBound buffer
  out.resize(bound);
  return out;
}

Result<std::string> inflate_text(std::string_view bytes, std::size_t size) {
  if (bytes.empty() && size == 0) return std::string();
  std::string out(size, '\0');
  uLongf got = static_cast<uLongf>(size);
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(bytes.data()),
                      static_cast<uLong>(bytes.size()));
  if (rc != Z_OK || got != size)
    return Error(ErrorKind::io, "stored text is damaged (zlib: " + std::string(zError(rc)) + ", " +
                                    std::to_string(got) + " of " + std::to_string(size) + " bytes)");
  return out;
}

}  // namespace ugc::state
