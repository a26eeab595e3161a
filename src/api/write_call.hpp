#pragma once
// Shared by the typed mutation wrappers: apply WriteOptions to a Request and
// keep a write's answer with its charge. Private to the api module.
#include "ugc/api/bundles.hpp"

namespace ugc::api::detail {

inline Request with_write(Request r, const WriteOptions& write) {
  r.idempotency_key = write.idempotency_key;
  r.dry_run = write.dry_run;
  return r;
}

inline Result<WriteResult> write_result(const Result<Response>& resp) {
  if (!resp) return resp.error();
  return WriteResult{resp->data(), charge_of(*resp)};
}

}  // namespace ugc::api::detail
