// ugc_forward_target: a stand-in for the user's tracker in the forwarding
// tests (test-only; not part of ugc). It listens on loopback, checks each
// POST's TokPortal-Signature with the secret in FORWARD_TARGET_SECRET using
// OpenSSL directly (independent of ugc's code), and appends the event id of
// every verified delivery to the log file, one per line, BEFORE answering
// 200 - so an event acknowledged to ugc is in the log even if this process is
// SIGKILLed right after. A bad signature is answered 401 and not logged.
//
//   ugc_forward_target --port N --log FILE     (N = 0: any free port)
// prints "listening on http://127.0.0.1:PORT/" once it accepts.
#include <fcntl.h>
#include <httplib.h>
#include <openssl/hmac.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

std::string hex_hmac_sha256(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &length);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

// "t=<t>,v1=<hex>" as ugc sends it (no extra keys, no spaces).
bool signature_matches(const std::string& secret, const std::string& header, const std::string& body) {
  const auto comma = header.find(",v1=");
  if (header.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  const std::string t = header.substr(2, comma - 2), v1 = header.substr(comma + 4);
  return v1 == hex_hmac_sha256(secret, t + "." + body);
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  std::string log_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) port = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--log") == 0) log_path = argv[i + 1];
  }
  const char* secret = std::getenv("FORWARD_TARGET_SECRET");
  if (log_path.empty() || !secret) {
    std::fprintf(stderr, "usage: FORWARD_TARGET_SECRET=S ugc_forward_target --port N --log FILE\n");
    return 2;
  }
  const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) return 2;
  const std::string key = secret;
  httplib::Server server;
  server.Post(".*", [&](const httplib::Request& req, httplib::Response& res) {
    if (!signature_matches(key, req.get_header_value("TokPortal-Signature"), req.body)) {
      res.status = 401;
      return;
    }
    const std::string line = req.get_header_value("TokPortal-Event-Id") + "\n";
    if (::write(log_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      res.status = 500;
      return;
    }
    res.status = 200;
    res.set_content("{}", "application/json");
  });
  const int bound = port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) {
    std::fprintf(stderr, "cannot listen on port %d\n", port);
    return 1;
  }
  std::printf("listening on http://127.0.0.1:%d/\n", bound);
  std::fflush(stdout);
  server.listen_after_bind();
  return 0;
}
