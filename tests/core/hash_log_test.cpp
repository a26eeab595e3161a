#include <doctest/doctest.h>

#include "ugc/core/hash.hpp"
#include "ugc/core/log.hpp"

TEST_CASE("sha256 and hmac match published test vectors") {
  CHECK(ugc::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2
  CHECK(ugc::hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("sha256 fed in pieces equals sha256 of the whole and starts over after finishing") {
  ugc::Sha256Stream stream;
  stream.update("a");
  stream.update("");
  stream.update("bc");
  CHECK(stream.finish_hex() == ugc::sha256_hex("abc"));
  stream.update("abc");
  CHECK(stream.finish_hex() == ugc::sha256_hex("abc"));
}

TEST_CASE("registered secrets are redacted from text") {
  ugc::log::add_secret("sk_0123456789abcdef");
  CHECK(ugc::log::redact("key=sk_0123456789abcdef end") == "key=[REDACTED] end");
  CHECK(ugc::log::redact("nothing secret") == "nothing secret");
}
