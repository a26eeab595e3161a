// The -wal file check. SQLite replays a WAL frame only while the checksum
// chain holds; from the first frame that fails it ignores the rest of the file
// without a word, so damage there would silently drop committed changes.
//
// A frame may fail legitimately: the tail of a transaction a crash cut short,
// a frame a writer is appending right now, or frames of an older generation
// (other salts) left after the WAL was restarted. So damage is reported only
// when a frame of the current generation fails its check while a later frame
// of the same generation still checks out against its predecessor's stored
// checksum and commits: something was written after the bad frame, so it was
// not a torn tail. A damaged header is reported when frames follow it.
#include <sys/stat.h>

#include <cstdint>
#include <fstream>
#include <vector>

#include "ugc/state/integrity.hpp"

namespace ugc::state {

namespace {

constexpr size_t kWalHeader = 32;
constexpr size_t kFrameHeader = 24;

uint32_t read_be32(const unsigned char* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

struct WalChecksum {
  uint32_t s0 = 0, s1 = 0;
  bool operator==(const WalChecksum&) const = default;
};

// SQLite's WAL checksum over `n` bytes (a multiple of 8), continuing from `c`.
WalChecksum wal_checksum(const unsigned char* p, size_t n, bool big_endian_sums, WalChecksum c) {
  for (size_t i = 0; i + 8 <= n; i += 8) {
    uint32_t x0, x1;
    if (big_endian_sums) {
      x0 = read_be32(p + i);
      x1 = read_be32(p + i + 4);
    } else {
      x0 = uint32_t(p[i]) | (uint32_t(p[i + 1]) << 8) | (uint32_t(p[i + 2]) << 16) | (uint32_t(p[i + 3]) << 24);
      x1 = uint32_t(p[i + 4]) | (uint32_t(p[i + 5]) << 8) | (uint32_t(p[i + 6]) << 16) | (uint32_t(p[i + 7]) << 24);
    }
    c.s0 += x0 + c.s1;
    c.s1 += x1 + c.s0;
  }
  return c;
}

WalChecksum stored_checksum(const unsigned char* p) { return {read_be32(p), read_be32(p + 4)}; }

}  // namespace

Result<std::vector<std::string>> check_wal_file(const std::string& path) {
  const std::string wal_path = path + "-wal";
  struct stat st {};
  if (::stat(wal_path.c_str(), &st) != 0 || st.st_size == 0) return std::vector<std::string>{};
  std::ifstream in(wal_path, std::ios::binary);
  if (!in) return io_error("state file " + path + ": cannot read its -wal file");
  std::vector<unsigned char> wal(static_cast<size_t>(st.st_size));
  in.read(reinterpret_cast<char*>(wal.data()), static_cast<std::streamsize>(wal.size()));
  wal.resize(static_cast<size_t>(in.gcount()));
  if (wal.size() < kWalHeader) return std::vector<std::string>{};  // being created, or never used

  const unsigned char* h = wal.data();
  const uint32_t magic = read_be32(h);
  const uint32_t page_size = read_be32(h + 8);
  const bool big_endian_sums = (magic & 1) != 0;
  const bool page_size_ok = page_size >= 512 && page_size <= 65536 && (page_size & (page_size - 1)) == 0;
  const size_t frame_size = kFrameHeader + (page_size_ok ? page_size : 0);
  const bool has_frames = page_size_ok && wal.size() >= kWalHeader + frame_size;
  const bool header_ok = (magic & 0xfffffffe) == 0x377f0682 && page_size_ok &&
                         wal_checksum(h, 24, big_endian_sums, {}) == stored_checksum(h + 24);
  if (!header_ok) {
    if (!has_frames && wal.size() < kWalHeader + kFrameHeader + 512) return std::vector<std::string>{};
    return std::vector<std::string>{"the -wal file's header is damaged: SQLite would ignore every change in it"};
  }

  const uint32_t salt1 = read_be32(h + 16), salt2 = read_be32(h + 20);
  WalChecksum previous = stored_checksum(h + 24);
  long long first_bad = -1;
  const size_t frames = (wal.size() - kWalHeader) / frame_size;
  for (size_t i = 0; i < frames; ++i) {
    const unsigned char* f = h + kWalHeader + i * frame_size;
    const bool current = read_be32(f + 8) == salt1 && read_be32(f + 12) == salt2;
    WalChecksum c = wal_checksum(f, 8, big_endian_sums, previous);
    c = wal_checksum(f + kFrameHeader, page_size, big_endian_sums, c);
    const bool valid = current && c == stored_checksum(f + 16);
    if (current && !valid && first_bad < 0) first_bad = static_cast<long long>(i);
    if (valid && first_bad >= 0 && read_be32(f + 4) != 0)
      return std::vector<std::string>{"the -wal file is damaged at frame " + std::to_string(first_bad + 1) + " of " +
                                      std::to_string(frames) +
                                      ": SQLite would silently drop the committed changes after it"};
    previous = stored_checksum(f + 16);
  }
  return std::vector<std::string>{};
}

}  // namespace ugc::state
