#include "ugc/core/log.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "ugc/core/json.hpp"

namespace ugc::log {
namespace {

std::mutex& secrets_mutex() {
  static std::mutex m;
  return m;
}
std::vector<std::string>& secrets() {
  static std::vector<std::string> s;
  return s;
}
std::atomic<Format>& configured_format() {
  static std::atomic<Format> f{Format::text};
  return f;
}

std::string json_record_at(std::chrono::system_clock::time_point when, std::string_view level, std::string_view msg,
                           const Json& fields) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  Json record = {{"ts_ms", ms}, {"level", std::string(level)}, {"msg", redact(std::string(msg))}};
  if (fields.is_object())
    for (const auto& [k, v] : fields.items()) record[k] = v;
  return record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

// Formats each record (text or JSON), redacts it, and writes it to stderr.
class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(Format format) : format_(format) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string payload(msg.payload.data(), msg.payload.size());
    std::string line;
    if (format_ == Format::json) {
      auto level = spdlog::level::to_string_view(msg.level);
      line = json_record_at(msg.time, std::string_view(level.data(), level.size()), payload, Json::object());
    } else {
      spdlog::memory_buf_t formatted;
      formatter_->format(msg, formatted);
      line = redact(std::string(formatted.data(), formatted.size()));
    }
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  Format format_;
};

}  // namespace

Status configure(std::string_view level, Format format) {
  auto lvl = spdlog::level::from_str(std::string(level));
  if (lvl == spdlog::level::off && level != "off")
    return invalid_input("unknown log level '" + std::string(level) +
                         "' (expected trace, debug, info, warn, error or off)");
  auto sink = std::make_shared<RedactingSink>(format);
  sink->set_pattern("%^%l%$: %v");
  auto logger = std::make_shared<spdlog::logger>("ugc", sink);
  logger->set_level(lvl);
  spdlog::set_default_logger(logger);
  configured_format() = format;
  return {};
}

Format format() { return configured_format(); }

std::string json_record(std::string_view level, std::string_view msg, const Json& fields) {
  return json_record_at(std::chrono::system_clock::now(), level, msg, fields);
}

void print_stderr(std::string_view level, std::string_view text, const Json& fields) {
  std::string out;
  if (format() == Format::text) {
    out = redact(std::string(text));
  } else {
    for (std::size_t begin = 0; begin < text.size();) {
      std::size_t end = std::min(text.find('\n', begin), text.size());
      if (end > begin) out += json_record(level, text.substr(begin, end - begin), fields);
      begin = end + 1;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

void add_secret(const std::string& secret) {
  if (secret.size() < 6) return;
  std::lock_guard lock(secrets_mutex());
  // Once each: every Client registers its key, and redact() scans the whole list.
  if (std::find(secrets().begin(), secrets().end(), secret) == secrets().end()) secrets().push_back(secret);
}

std::string redact(std::string text) {
  std::lock_guard lock(secrets_mutex());
  for (const auto& s : secrets()) {
    for (size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos))
      text.replace(pos, s.size(), "[REDACTED]");
  }
  return text;
}

}  // namespace ugc::log
