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
//
// A live writer can show the same pattern for a moment: SQLite rewrites a
// frame in place and fixes the checksums only after the commit frame, and a
// WAL restart overwrites frames while we read. So a finding counts only when
// a second read, after a pause, finds the same bytes.
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <thread>
#include <vector>

#include "ugc/state/integrity.hpp"

namespace ugc::state {

namespace {

constexpr size_t kWalHeader = 32;
constexpr size_t kFrameHeader = 24;
// Re-reads while a writer is busy: pauses of 10, 20, ... 640 ms, 1.3 s in all.
constexpr int kWalRereads = 7;

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

// The -wal file's bytes as they are now: empty when there is none.
Result<std::vector<unsigned char>> read_wal(const std::string& path) {
  const std::string wal_path = path + "-wal";
  struct stat st {};
  if (::stat(wal_path.c_str(), &st) != 0 || st.st_size == 0) return std::vector<unsigned char>{};
  std::ifstream in(wal_path, std::ios::binary);
  if (!in) return io_error("state file " + path + ": cannot read its -wal file");
  std::vector<unsigned char> wal(static_cast<size_t>(st.st_size));
  in.read(reinterpret_cast<char*>(wal.data()), static_cast<std::streamsize>(wal.size()));
  wal.resize(static_cast<size_t>(in.gcount()));
  return wal;
}

std::vector<std::string> wal_findings(const std::vector<unsigned char>& wal) {
  if (wal.size() < kWalHeader) return {};  // being created, or never used

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
    if (!has_frames && wal.size() < kWalHeader + kFrameHeader + 512) return {};
    return {"the -wal file's header is damaged: SQLite would ignore every change in it"};
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
      return {"the -wal file is damaged at frame " + std::to_string(first_bad + 1) + " of " + std::to_string(frames) +
              ": SQLite would silently drop the committed changes after it"};
    previous = stored_checksum(f + 16);
  }
  return {};
}

}  // namespace

void pause_for_writer(int attempt) { std::this_thread::sleep_for(std::chrono::milliseconds(10 << attempt)); }

Result<std::vector<std::string>> check_wal_file(const std::string& path, const WalPause& pause) {
  auto wal = read_wal(path);
  if (!wal) return wal.error();
  auto findings = wal_findings(*wal);
  // Damage persists; a writer's half-done work does not. Only a finding that
  // holds on two identical reads is damage: while the bytes keep changing a
  // live writer owns the file, and SQLite's shared index (not a replay of the
  // checksums) is what readers trust until the file is at rest again.
  for (int attempt = 0; !findings.empty() && attempt < kWalRereads; ++attempt) {
    pause(attempt);
    auto again = read_wal(path);
    if (!again) return again.error();
    if (*again == *wal) return findings;
    wal = std::move(again);
    findings = wal_findings(*wal);
  }
  return std::vector<std::string>{};  // sound, or a writer still at work after the last re-read
}

}  // namespace ugc::state
