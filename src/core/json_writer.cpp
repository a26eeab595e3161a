#include "ugc/core/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace ugc {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (Unicode
// table 3-7, what nlohmann's strict decoder accepts), 0 if ill-formed.
std::size_t json_utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
    return k < text.size() && byte(k) >= lo && byte(k) <= hi;
  };
  const unsigned c = byte(i);
  if (c >= 0xC2 && c <= 0xDF) return in(i + 1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// nlohmann's escape of a byte below 0x80, or empty when it is written as is.
std::string_view json_escape_of(unsigned char c, char (&scratch)[7]) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
  }
  if (c >= 0x20) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  scratch[0] = '\\';
  scratch[1] = 'u';
  scratch[2] = '0';
  scratch[3] = '0';
  scratch[4] = kHex[c >> 4];
  scratch[5] = kHex[c & 0xF];
  return {scratch, 6};
}

// The bytes string() must look at: those JSON escapes below 0x80 and every
// byte from 0x80 (UTF-8, checked). Any other byte is copied in a run, found
// eight bytes a step (skip_plain_bytes): a 20,000-slot JSON plan writes
// ~12 MB of strings.
constexpr std::array<bool, 256> kJsonSpecialBytes = [] {
  std::array<bool, 256> special{};
  for (std::size_t c = 0; c < special.size(); ++c) special[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return special;
}();

// Whether any of the 8 bytes in `w` is special (below 0x20, '"', '\\' or
// from 0x80); the usual bit tricks, exact for "any".
bool has_special_byte(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  const bool below_space = ((w - kOnes * 0x20) & ~w & kHighs) != 0;
  return below_space || (w & kHighs) != 0 || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\'));
}

// The index of the first special byte at or after `i`, or text.size(): eight
// bytes a step while none is special.
std::size_t skip_plain_bytes(std::string_view text, std::size_t i) {
  for (std::uint64_t w; i + 8 <= text.size(); i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    if (has_special_byte(w)) break;
  }
  while (i < text.size() && !kJsonSpecialBytes[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

}  // namespace

void JsonWriter::Buffer::grow(std::size_t more) {
  const std::size_t used = size();
  bytes_.resize(std::max({bytes_.size() * 2, used + more, kFlushBytes}));
  begin_ = bytes_.data();
  pos_ = begin_ + used;
  end_ = begin_ + bytes_.size();
}

void JsonWriter::hand_over(Buffer& buffer, ByteSink& sink) {
  if (buffer.size() == 0) return;
  sink.write(buffer.written());
  buffer.clear();
}

JsonWriter::JsonWriter(ByteSink& out, int indent, ByteSink* compact_copy)
    : out_(out), copy_(compact_copy), indent_(indent) {}

JsonWriter::~JsonWriter() { flush(); }

void JsonWriter::flush() {
  hand_over(out_buffer_, out_);
  if (copy_) hand_over(copy_buffer_, *copy_);
}

void JsonWriter::flush_if_full() {
  if (out_buffer_.size() >= Buffer::kFlushBytes || copy_buffer_.size() >= Buffer::kFlushBytes) flush();
}

void JsonWriter::both(std::string_view bytes) {
  out_buffer_.put(bytes);
  if (copy_) copy_buffer_.put(bytes);
}

void JsonWriter::both(char c) {
  out_buffer_.put(c);
  if (copy_) copy_buffer_.put(c);
}

void JsonWriter::pretty_only(std::string_view bytes) {
  if (indent_ >= 0) out_buffer_.put(bytes);
}

void JsonWriter::newline_indent(std::size_t depth) {
  if (indent_ < 0) return;
  out_buffer_.put('\n');
  out_buffer_.put_spaces(depth * static_cast<std::size_t>(indent_));
}

void JsonWriter::before_value() {
  if (levels_.empty()) return;
  if (after_key_) {
    after_key_ = false;
    return;
  }
  Level& level = levels_.back();
  if (level.count++ > 0) both(',');
  newline_indent(levels_.size());
}

void JsonWriter::key(std::string_view name) {
  Level& level = levels_.back();
  if (level.count++ > 0) both(',');
  newline_indent(levels_.size());
  string(name);
  both(':');
  pretty_only(" ");
  after_key_ = true;
}

void JsonWriter::open(char bracket, bool object) {
  before_value();
  both(bracket);
  levels_.push_back({object, 0});
}

void JsonWriter::close(char bracket) {
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.count > 0) newline_indent(levels_.size());
  both(bracket);
  flush_if_full();
}

void JsonWriter::begin_object() { open('{', true); }
void JsonWriter::end_object() { close('}'); }
void JsonWriter::begin_array() { open('[', false); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::string(std::string_view text) {
  both('"');
  std::size_t run = 0;  // start of the bytes not yet written
  char scratch[7];
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kJsonSpecialBytes[c]) {
      i = skip_plain_bytes(text, i + 1);
      continue;
    }
    if (c >= 0x80) {
      const std::size_t n = json_utf8_sequence(text, i);
      // Ill-formed UTF-8: let nlohmann throw the type_error its dump throws.
      if (n == 0) (void)Json(std::string(text)).dump();
      i += n == 0 ? 1 : n;
      continue;
    }
    const std::string_view escape = json_escape_of(c, scratch);
    if (!escape.empty()) {
      both(text.substr(run, i - run));
      both(escape);
      run = i + 1;
    }
    ++i;
  }
  both(text.substr(run));
  both('"');
}

void JsonWriter::value(std::string_view text) {
  before_value();
  string(text);
  flush_if_full();
}

void JsonWriter::value(bool flag) {
  before_value();
  both(flag ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::value(long long number) {
  before_value();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  both(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void JsonWriter::value(unsigned long long number) {
  before_value();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  both(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void JsonWriter::null() {
  before_value();
  both("null");
}

void JsonWriter::value(const std::vector<std::string>& texts) {
  begin_array();
  for (const auto& t : texts) value(t);
  end_array();
}

template <class Document>
void JsonWriter::document(const Document& doc) {
  if (doc.is_object()) {
    begin_object();
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      key(it.key());
      document(*it);
    }
    end_object();
  } else if (doc.is_array()) {
    begin_array();
    for (const auto& element : doc) document(element);
    end_array();
  } else if (doc.is_string()) {
    value(doc.template get_ref<const std::string&>());
  } else if (doc.is_number_unsigned()) {
    value(doc.template get<unsigned long long>());
  } else if (doc.is_number_integer()) {
    value(doc.template get<long long>());
  } else {
    before_value();
    both(doc.dump());  // fractions, booleans, null: nlohmann's own text
  }
}

void JsonWriter::value(const Json& document_value) { document(document_value); }
void JsonWriter::value(const OrderedJson& document_value) { document(document_value); }

void JsonWriter::close_copy() {
  if (!copy_) return;
  for (auto it = levels_.rbegin(); it != levels_.rend(); ++it) copy_buffer_.put(it->object ? '}' : ']');
  hand_over(copy_buffer_, *copy_);
  copy_ = nullptr;
}

}  // namespace ugc
