#pragma once
// Request headers as the client sent them. httplib 0.11 drops a header whose
// value is empty and URL-decodes every value ("a%41" arrives as "aA"), so an
// empty `Idempotency-Key` would look absent and two different keys could look
// equal. `restore_raw_headers` puts back, for every header name the client
// sent, exactly the values it sent (spaces around them trimmed).
#include <httplib.h>

#include <string>

namespace ugc::sim {

// `raw` is the request line and headers as received (BoundedStream::raw_headers).
void restore_raw_headers(httplib::Request& req, const std::string& raw);

}  // namespace ugc::sim
