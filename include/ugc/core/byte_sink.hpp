#pragma once
// Where streamed output goes: a file, a string or a hash. Writers that
// produce large output (plans as JSON or markdown) write through a ByteSink
// instead of building the whole text in memory first.
#include <cstdio>
#include <string>
#include <string_view>

#include "ugc/core/hash.hpp"

namespace ugc {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

// Appends to a string the caller owns.
class StringSink : public ByteSink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  void write(std::string_view bytes) override { out_.append(bytes); }

 private:
  std::string& out_;
};

// Writes to a stdio stream the caller owns; remembers a short write, which
// the caller checks with ok() (a full disk must not pass as a saved plan).
class FileSink : public ByteSink {
 public:
  explicit FileSink(std::FILE* file) : file_(file) {}
  void write(std::string_view bytes) override {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) ok_ = false;
  }
  bool ok() const { return ok_; }

 private:
  std::FILE* file_;
  bool ok_ = true;
};

// Feeds a SHA-256 the caller owns.
class Sha256Sink : public ByteSink {
 public:
  explicit Sha256Sink(Sha256Stream& hash) : hash_(hash) {}
  void write(std::string_view bytes) override { hash_.update(bytes); }

 private:
  Sha256Stream& hash_;
};

}  // namespace ugc
