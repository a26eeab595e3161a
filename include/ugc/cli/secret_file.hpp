#pragma once
// SecretFile: a new file that will hold one secret (a webhook signing secret),
// readable by its owner only.
//
// create() makes the file at once, exclusively (O_CREAT|O_EXCL, no symlink
// followed) with mode 0600, so a command can refuse an existing file or an
// unwritable place BEFORE it asks the server for a secret. write() stores the
// secret, fsyncs and closes; a SecretFile never written (or whose write failed)
// removes its file when destroyed, so no empty or partial secret is left.
// The secret itself is never logged or put in an error message.
#include <string>

#include "ugc/core/result.hpp"

namespace ugc::cli {

class SecretFile {
 public:
  // invalid_input when `path` exists ("refusing to overwrite"), io_error otherwise.
  static Result<SecretFile> create(const std::string& path);

  SecretFile(SecretFile&& other) noexcept;
  SecretFile& operator=(SecretFile&&) = delete;
  SecretFile(const SecretFile&) = delete;
  ~SecretFile();

  // Writes `secret` and a newline, fsyncs, closes. On failure the file is removed.
  Status write(const std::string& secret);
  const std::string& path() const { return path_; }

 private:
  SecretFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  void discard();

  std::string path_;
  int fd_ = -1;
  bool written_ = false;
};

}  // namespace ugc::cli
