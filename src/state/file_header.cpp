// A cheap sanity check of an existing state file's SQLite header. SQLite itself
// opens a truncated file happily and only fails (or silently sees fewer rows)
// when it reaches the missing pages; reading 100 bytes lets us say "truncated"
// up front, before any command runs.
#include <sys/stat.h>

#include <cstdint>
#include <cstring>
#include <fstream>

#include "store_impl.hpp"

namespace ugc::state {

namespace {

constexpr char kMagic[] = "SQLite format 3";  // 16 bytes with the NUL
constexpr size_t kHeaderSize = 100;

uint32_t big_endian(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

bool has_pending_wal(const std::string& path) {
  struct stat st {};
  return ::stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0;
}

}  // namespace

Status check_file_header(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return io_error("state file " + path + ": cannot stat: " + std::strerror(errno));
  const auto size = static_cast<unsigned long long>(st.st_size);
  if (size == 0)
    return io_error("state file " + path +
                    " is empty (0 bytes): it was truncated or is not a ugc state file; restore it from a "
                         "backup or remove it to start from an empty state");

  unsigned char header[kHeaderSize] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("state file " + path + ": cannot read: " + std::strerror(errno));
  in.read(reinterpret_cast<char*>(header), kHeaderSize);
  const auto got = static_cast<size_t>(in.gcount());

  const size_t magic_len = std::min(got, sizeof(kMagic));
  if (std::memcmp(header, kMagic, magic_len) != 0)
    return invalid_input("state file " + path + " is not a ugc state file (not an SQLite database)");
  if (got < kHeaderSize)
    return io_error("state file " + path + " is truncated (" + std::to_string(size) +
                    " bytes, shorter than an SQLite header); restore it from a backup");

  unsigned long long page_size = big_endian(header + 16, 2);
  if (page_size == 1) page_size = 65536;
  const uint32_t page_count = big_endian(header + 28, 4);
  const bool count_valid = big_endian(header + 24, 4) == big_endian(header + 92, 4);
  // With frames pending in the WAL the main file may legitimately lag behind.
  if (count_valid && page_count > 0 && !has_pending_wal(path) && size < page_size * page_count)
    return io_error("state file " + path + " is truncated (" + std::to_string(size) + " bytes, its header says " +
                    std::to_string(page_size * page_count) + "); restore it from a backup");
  return {};
}

}  // namespace ugc::state
