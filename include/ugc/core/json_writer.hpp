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

  ByteSink& out_;
  ByteSink* copy_;
  int indent_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  std::string out_buffer_;
  std::string copy_buffer_;
};

}  // namespace ugc
