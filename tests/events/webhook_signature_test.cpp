// Signature verification (docs/tokportal-api.md §9.4), each forgery kind on
// its own, pinned by a vector computed independently with openssl:
//   printf '%s.%s' 1700000000 '{"id":"evt_1","type":"webhook.test"}' |
//     openssl dgst -sha256 -hmac whsec_test
#include <doctest/doctest.h>

#include "support/signed_delivery.hpp"
#include "ugc/events/webhook_delivery.hpp"
#include "ugc/events/webhook_signature.hpp"

using namespace ugc::events;

namespace {

constexpr const char* kVectorSecret = "whsec_test";
constexpr std::int64_t kVectorT = 1700000000;
constexpr const char* kVectorBody = R"({"id":"evt_1","type":"webhook.test"})";
constexpr const char* kVectorHeader = "t=1700000000,v1=684fbc8999ff13aa332102c10e23ad56af8cb3b34c5d3bcba8bf53317e5f6c33";

std::string refusal_code(const ugc::Status& s) { return s ? std::string("accepted") : s.error().code(); }

}  // namespace

TEST_CASE("a signature computed by openssl over t.body verifies") {
  CHECK(verify_webhook_signature(kVectorSecret, kVectorHeader, kVectorBody, kVectorT));
  // Spaces around parts and unknown keys (future schemes) are ignored; upper-case hex decodes the same.
  CHECK(verify_webhook_signature(kVectorSecret,
                                 " v0=abc , t=1700000000 ,v1=684FBC8999FF13AA332102C10E23AD56AF8CB3B34C5D3BCBA8BF53317E5F6C33",
                                 kVectorBody, kVectorT));
}

TEST_CASE("a tampered body, a wrong secret or a changed t fails with SIGNATURE_MISMATCH") {
  std::string tampered = kVectorBody;
  tampered[8] = '2';  // evt_1 -> evt_2
  CHECK(refusal_code(verify_webhook_signature(kVectorSecret, kVectorHeader, tampered, kVectorT)) == kSignatureMismatch);
  CHECK(refusal_code(verify_webhook_signature("whsec_other", kVectorHeader, kVectorBody, kVectorT)) ==
        kSignatureMismatch);
  const std::string shifted = std::string(kVectorHeader).replace(2, 10, "1700000001");
  CHECK(refusal_code(verify_webhook_signature(kVectorSecret, shifted, kVectorBody, kVectorT)) == kSignatureMismatch);
  // The body with a trailing newline is other bytes: no re-serialisation forgives it.
  CHECK(refusal_code(verify_webhook_signature(kVectorSecret, kVectorHeader, std::string(kVectorBody) + "\n", kVectorT)) ==
        kSignatureMismatch);
}

TEST_CASE("timestamps more than 300 s in the past or the future are stale") {
  CHECK(verify_webhook_signature(kVectorSecret, kVectorHeader, kVectorBody, kVectorT + 300));
  CHECK(verify_webhook_signature(kVectorSecret, kVectorHeader, kVectorBody, kVectorT - 300));
  CHECK(refusal_code(verify_webhook_signature(kVectorSecret, kVectorHeader, kVectorBody, kVectorT + 301)) ==
        kSignatureStale);
  CHECK(refusal_code(verify_webhook_signature(kVectorSecret, kVectorHeader, kVectorBody, kVectorT - 301)) ==
        kSignatureStale);
  // A stale header is refused before any HMAC: even with the right digest.
  CHECK(refusal_code(verify_webhook_signature(kVectorSecret, kVectorHeader, kVectorBody, 0)) == kSignatureStale);
}

TEST_CASE("malformed signature headers are refused as SIGNATURE_MALFORMED") {
  const std::string v1 = "684fbc8999ff13aa332102c10e23ad56af8cb3b34c5d3bcba8bf53317e5f6c33";
  for (const std::string& header : {std::string(""), std::string("garbage"), "v1=" + v1, std::string("t=1700000000"),
                                   "t=,v1=" + v1, "t=17e8,v1=" + v1, "t=-5,v1=" + v1, "t=1700000000 5,v1=" + v1,
                                   "t=99999999999999999999999,v1=" + v1, "t=1700000000,v1=" + v1.substr(2),
                                   "t=1700000000,v1=" + v1 + "00", "t=1700000000,v1=" + v1.substr(1) + "g",
                                   std::string("t=1700000000,v1=")}) {
    CAPTURE(header);
    CHECK(refusal_code(verify_webhook_signature(kVectorSecret, header, kVectorBody, kVectorT)) == kSignatureMalformed);
  }
}

TEST_CASE("a delivery is refused for a missing signature, a forged event-id header or a malformed event") {
  const std::string secret = "whsec_unit";
  auto d = ugc::testing::signed_delivery(secret, "evt_a");
  const auto now = ugc::testing::unix_now();
  auto ok = check_webhook_delivery({d.signature, std::string_view("evt_a"), d.body}, secret, now);
  REQUIRE(ok);
  CHECK(ok->id == "evt_a");
  CHECK(check_webhook_delivery({d.signature, std::nullopt, d.body}, secret, now));  // the header is optional

  auto missing = check_webhook_delivery({std::nullopt, std::string_view("evt_a"), d.body}, secret, now);
  CHECK(missing.error().code() == kSignatureMissing);
  CHECK(http_status_for_refusal(missing.error()) == 401);
  // The header id is not signed: a validly signed body under another id is a forgery.
  auto forged = check_webhook_delivery({d.signature, std::string_view("evt_b"), d.body}, secret, now);
  CHECK(forged.error().code() == kEventIdMismatch);
  CHECK(http_status_for_refusal(forged.error()) == 401);
  // Signed but not an event: 400.
  const std::string not_event = R"({"type":"bundle.published"})";
  auto malformed = check_webhook_delivery(
      {ugc::testing::webhook_signature_header(secret, now, not_event), std::nullopt, not_event}, secret, now);
  CHECK(malformed.error().code() == kEventMalformed);
  CHECK(http_status_for_refusal(malformed.error()) == 400);
  // Unsigned garbage is refused for its signature before anyone parses it.
  auto garbage = check_webhook_delivery({d.signature, std::nullopt, "{{{"}, secret, now);
  CHECK(garbage.error().code() == kSignatureMismatch);
}
