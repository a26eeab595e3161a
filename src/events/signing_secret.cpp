#include "ugc/events/signing_secret.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ugc::events {
namespace {

constexpr std::size_t kMaxSecretBytes = 4096;

Result<std::string> read_secret_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot read the secret file '" + path + "': " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return invalid_input("the secret file '" + path + "' is not a regular file");
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    ::close(fd);
    return invalid_input("the secret file '" + path + "' is readable by others; run chmod 600 '" + path + "'");
  }
  std::string secret(kMaxSecretBytes + 1, '\0');
  std::size_t got = 0;
  while (got < secret.size()) {
    const ssize_t n = ::read(fd, secret.data() + got, secret.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got > kMaxSecretBytes) return invalid_input("the secret file '" + path + "' is larger than a signing secret");
  secret.resize(got);
  if (!secret.empty() && secret.back() == '\n') secret.pop_back();
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  return secret;
}

}  // namespace

Result<std::string> load_secret(const std::optional<std::string>& file, const char* env_value, const std::string& flag,
                                const std::string& env_name) {
  const bool from_env = env_value != nullptr && *env_value != '\0';
  if (file && from_env) return invalid_input("both " + flag + " and " + env_name + " are set; use one");
  if (!file && !from_env)
    return invalid_input("no signing secret: pass " + flag + " FILE (mode 600) or set " + env_name);
  auto secret = file ? read_secret_file(*file) : Result<std::string>(std::string(env_value));
  if (!secret) return secret.error();
  if (secret->empty()) return invalid_input("the signing secret is empty");
  return secret;
}

Result<std::string> load_signing_secret(const std::optional<std::string>& file, const char* env_value) {
  return load_secret(file, env_value, "--secret-file", kSigningSecretEnv);
}

}  // namespace ugc::events
