// JsonWriter (ugc/core/json_writer.hpp) writes what nlohmann's dump writes.
// Strings are scanned eight bytes a step, so every byte that needs escaping
// or checking is tried at every offset of a step; output longer than one
// flush and numbers inside whole documents are covered too.
#include <doctest/doctest.h>

#include <string>

#include "ugc/core/byte_sink.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/json_writer.hpp"

namespace {

// The pretty and compact forms the writer produces of one string value.
std::pair<std::string, std::string> written_string(const std::string& text) {
  std::string pretty, compact;
  ugc::StringSink pretty_sink(pretty), compact_sink(compact);
  {
    ugc::JsonWriter w(pretty_sink, 2, &compact_sink);
    w.begin_array();
    w.value(text);
    w.end_array();
  }
  return {pretty, compact};
}

}  // namespace

TEST_CASE("json writer: a byte that needs escaping is escaped at every offset of a string") {
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string text(19, 'a');
      text.replace(at, 1, special);
      const ugc::Json doc = ugc::Json::array({text});
      const auto [pretty, compact] = written_string(text);
      CHECK(pretty == doc.dump(2));
      CHECK(compact == doc.dump());
    }
  }
  const std::string plain = " !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~\x7f";
  CHECK(written_string(plain).first == ugc::Json::array({plain}).dump(2));
}

TEST_CASE("json writer: ill-formed UTF-8 anywhere in a string fails as nlohmann's dump fails") {
  for (std::size_t at = 0; at < 17; ++at) {
    std::string text(17, 'a');
    text[at] = '\xc3';  // a lead byte followed by an ASCII byte (or nothing)
    CHECK_THROWS_AS(written_string(text), nlohmann::json::type_error);
  }
}

TEST_CASE("json writer: a document larger than one flush, with strings larger than one, streams whole") {
  ugc::Json doc = ugc::Json::object();
  for (int i = 0; i < 3000; ++i) doc["key" + std::to_string(i)] = {{"n", i - 1500}, {"big", 18446744073709551615ULL},
                                                                     {"f", 0.5}, {"t", "x\ty"}};
  doc["long"] = std::string(200 * 1024, 'z');
  std::string pretty, compact;
  ugc::StringSink pretty_sink(pretty), compact_sink(compact);
  {
    ugc::JsonWriter w(pretty_sink, 2, &compact_sink);
    w.value(doc);
  }
  CHECK(pretty.size() > 200 * 1024);
  CHECK(pretty == doc.dump(2));
  CHECK(compact == doc.dump());
}
