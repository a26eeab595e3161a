#include "ugc/api/charge.hpp"

#include "ugc/api/api_error.hpp"
#include "json_fields.hpp"

namespace ugc::api {

Charge charge_of(const Response& response) {
  Charge c;
  c.charged = response.credits_charged;
  c.remaining = response.credits_remaining;
  c.would_charge = response.credits_would_charge;
  if (response.body.is_object())
    if (auto it = response.body.find("cost_breakdown"); it != response.body.end()) c.breakdown = *it;
  c.dry_run = response.dry_run;
  c.replayed = response.replayed;
  return c;
}

namespace detail {
Error malformed_error(const std::string& what, const std::string& detail) {
  return Error(ErrorKind::fatal, what + ": " + kMalformedResponse + ": " + detail, kMalformedResponse);
}
}  // namespace detail

}  // namespace ugc::api
