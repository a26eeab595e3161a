#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ugc/api/api_config.hpp"

using namespace ugc;
using namespace ugc::api;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(vars));
  return [shared](const char* name) -> const char* {
    auto it = shared->find(name);
    return it == shared->end() ? nullptr : it->second.c_str();
  };
}

std::string temp_key_file(const std::string& content, mode_t mode) {
  auto path = std::filesystem::temp_directory_path() / ("ugc_api_key_" + std::to_string(::getpid()) + "_" +
                                                        std::to_string(mode));
  std::ofstream(path) << content;
  ::chmod(path.c_str(), mode);
  return path.string();
}

}  // namespace

TEST_CASE("missing key: a clear error that says how to provide one") {
  auto r = resolve_api_config({}, env_of({}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind() == ErrorKind::invalid_input);
  CHECK(r.error().message() == "no API key: set TOKPORTAL_API_KEY or pass --api-key-file");
}

TEST_CASE("base URL: flag, then TOKPORTAL_BASE_URL, then the default, validated") {
  auto def = resolve_api_config({}, env_of({{"TOKPORTAL_API_KEY", "sk_env_key_123456"}}));
  REQUIRE(def.ok());
  CHECK(def->base_url == "https://app.tokportal.com/api/ext");
  CHECK(def->api_key == "sk_env_key_123456");

  auto env = resolve_api_config({}, env_of({{"TOKPORTAL_API_KEY", "sk_env_key_123456"},
                                            {"TOKPORTAL_BASE_URL", "http://127.0.0.1:8080/api/ext/"}}));
  REQUIRE(env.ok());
  CHECK(env->base_url == "http://127.0.0.1:8080/api/ext");

  ApiConfigFlags flags;
  flags.api_url = "http://localhost:9/x";
  auto flag = resolve_api_config(flags, env_of({{"TOKPORTAL_API_KEY", "sk_env_key_123456"},
                                                {"TOKPORTAL_BASE_URL", "http://ignored"}}));
  REQUIRE(flag.ok());
  CHECK(flag->base_url == "http://localhost:9/x");

  flags.api_url = "app.tokportal.com/api/ext";
  auto bad = resolve_api_config(flags, env_of({{"TOKPORTAL_API_KEY", "sk_env_key_123456"}}));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message().find("--api-url 'app.tokportal.com/api/ext' is not an http:// or https:// URL") !=
        std::string::npos);
}

TEST_CASE("--api-key-file: first line, trimmed, wins over the environment") {
  std::string path = temp_key_file("  sk_file_key_abcdef\n# comment\n", 0600);
  ApiConfigFlags flags;
  flags.api_key_file = path;
  auto r = resolve_api_config(flags, env_of({{"TOKPORTAL_API_KEY", "sk_env_key_123456"}}));
  REQUIRE(r.ok());
  CHECK(r->api_key == "sk_file_key_abcdef");
  std::filesystem::remove(path);
}

TEST_CASE("--api-key-file readable by others gets a warning, a missing or empty file an error") {
  std::ostringstream out;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("cfg", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  spdlog::set_default_logger(logger);
  std::string open_file = temp_key_file("sk_open_key_abcdef\n", 0644);
  ApiConfigFlags flags;
  flags.api_key_file = open_file;
  auto r = resolve_api_config(flags, env_of({}));
  spdlog::set_default_logger(previous);
  REQUIRE(r.ok());
  CHECK(out.str().find("readable by group or others") != std::string::npos);
  CHECK(out.str().find("sk_open_key_abcdef") == std::string::npos);
  std::filesystem::remove(open_file);

  flags.api_key_file = "/nonexistent/ugc/key";
  auto missing = resolve_api_config(flags, env_of({}));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message().find("--api-key-file /nonexistent/ugc/key: cannot read") != std::string::npos);

  std::string empty = temp_key_file("\n", 0600);
  flags.api_key_file = empty;
  auto e = resolve_api_config(flags, env_of({}));
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message().find("first line is empty") != std::string::npos);
  std::filesystem::remove(empty);
}

TEST_CASE("a key holding a line break or another control character is refused without echoing it") {
  const std::string secret = "sk_ctl_key_5ec4e7";
  for (std::string bad : {secret + "\nX-Evil: 1", secret + "\r\nX-Evil: 1", secret + "\n", secret.substr(0, 6) +
                                                                                                 "\t" + secret.substr(6),
                          secret + "\x7f", "\x1b" + secret}) {
    auto r = resolve_api_config({}, env_of({{"TOKPORTAL_API_KEY", bad}}));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind() == ErrorKind::invalid_input);
    CHECK(r.error().message().find("TOKPORTAL_API_KEY holds a control character") != std::string::npos);
    CHECK(r.error().message().find("5ec4e7") == std::string::npos);
  }
  ApiConfigFlags flags;
  flags.api_key_file = temp_key_file(secret.substr(0, 8) + "\x01" + secret.substr(8) + "\n", 0600);
  auto from_file = resolve_api_config(flags, env_of({}));
  REQUIRE_FALSE(from_file.ok());
  CHECK(from_file.error().message().find("holds a control character (0x01 at byte 9)") != std::string::npos);
  CHECK(from_file.error().message().find("5ec4e7") == std::string::npos);
  // A key file saved with CRLF line ends still reads: the CR is the line end, not the key.
  flags.api_key_file = temp_key_file(secret + "\r\n", 0600);
  auto crlf = resolve_api_config(flags, env_of({}));
  REQUIRE(crlf.ok());
  CHECK(crlf->api_key == secret);
  std::filesystem::remove(*flags.api_key_file);
}
