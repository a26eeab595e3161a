#pragma once
// The TokPortal webhook signature (docs/tokportal-api.md §9.4), as the simulator
// produces it: header value "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256>",
// where the HMAC key is the endpoint's signing secret as raw UTF-8 bytes and the
// message is the decimal `t` as sent, ".", then the exact raw request body.
#include <cstdint>
#include <string>
#include <string_view>

namespace ugc::sim {

std::string webhook_signature(std::string_view signing_secret, std::int64_t unix_seconds,
                              std::string_view raw_body);

// A fresh signing secret: "whsec_" + 64 lowercase hex from a CSPRNG. The real
// format is undocumented (inferred; see docs/sim.md).
std::string new_signing_secret();

// A random lowercase UUID v4 from a CSPRNG, for ids the simulator mints.
std::string random_uuid();

}  // namespace ugc::sim
