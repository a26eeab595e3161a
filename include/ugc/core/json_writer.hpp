#pragma once
// A streaming JSON writer: writes a document token by token into a ByteSink,
// byte for byte what nlohmann's dump(indent) of the same document writes
// (same separators, indentation, empty "{}"/"[]", string escapes with UTF-8
// kept as is, and the same type_error on invalid UTF-8), without building the
// document. Optionally it writes the compact form, dump(), of the same tokens
// into a second sink at the same time: checksummed documents (saved plans)
// hash the compact form while the indented one is written.
//
// The caller keeps the structure valid: key() before each value inside an
// object, every begin_* closed by its end_*.
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "ugc/core/byte_sink.hpp"
#include "ugc/core/json.hpp"

namespace ugc {

class JsonWriter {
 public:
  // indent < 0: compact, as dump(); otherwise as dump(indent).
  JsonWriter(ByteSink& out, int indent, ByteSink* compact_copy = nullptr);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(bool flag);
  void value(int number) { value(static_cast<long long>(number)); }
  void value(long number) { value(static_cast<long long>(number)); }
  void value(long long number);
  void value(unsigned long number) { value(static_cast<unsigned long long>(number)); }
  void value(unsigned long long number);
  void null();
  // A whole nlohmann value (objects in their own key order).
  void value(const Json& document);
  void value(const OrderedJson& document);
  void value(const std::vector<std::string>& texts);

  // Ends, in the compact copy only, every container still open, and stops
  // copying: the copy is then the document as if it ended here (a checksum
  // over everything before a last "checksum" member).
  void close_copy();
  // Hands what is buffered to the sinks (also done by the destructor).
  void flush();

 private:
  struct Level {
    bool object = false;
    std::size_t count = 0;
  };
  void before_value();
  void open(char bracket, bool object);
  void close(char bracket);
  void both(std::string_view bytes);
  void both(char c);
  void pretty_only(std::string_view bytes);
  void newline_indent(std::size_t depth);
  void string(std::string_view text);
  template <class Document>
  void document(const Document& doc);
  void flush_if_full();

  // Bytes written through a raw pointer: a token is a few bytes, and
  // std::string's append cost ~40 instructions a call, most of the time a
  // 20,000-slot JSON plan took to write.
  class Buffer {
   public:
    static constexpr std::size_t kFlushBytes = 64 * 1024;  // output streams in pieces this big
    void put(char c) {
      if (pos_ == end_) grow(1);
      *pos_++ = c;
    }
    void put(std::string_view bytes) {
      if (bytes.empty()) return;
      if (bytes.size() > static_cast<std::size_t>(end_ - pos_)) grow(bytes.size());
      std::memcpy(pos_, bytes.data(), bytes.size());
      pos_ += bytes.size();
    }
    void put_spaces(std::size_t n) {
      if (n == 0) return;
      if (n > static_cast<std::size_t>(end_ - pos_)) grow(n);
      std::memset(pos_, ' ', n);
      pos_ += n;
    }
    std::string_view written() const { return {begin_, size()}; }
    std::size_t size() const { return static_cast<std::size_t>(pos_ - begin_); }
    void clear() { pos_ = begin_; }

   private:
    void grow(std::size_t more);
    std::string bytes_;  // [begin_, pos_) written, [pos_, end_) room; no room until the first put
    char* begin_ = nullptr;
    char* pos_ = nullptr;
    char* end_ = nullptr;
  };
  static void hand_over(Buffer& buffer, ByteSink& sink);

  ByteSink& out_;
  ByteSink* copy_;
  int indent_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  Buffer out_buffer_;
  Buffer copy_buffer_;
};

}  // namespace ugc
