#pragma once
// What PUT /bundles/{id}/videos/batch answered (docs/tokportal-api.md §6.4):
// a result per position, and the report of the top-level auto_publish.
//
// The contract leaves the answer's shape open, so the per-position list is
// read from `data` itself, `data.videos`, `data.results` or `data.items`; an
// item is the video object or wraps it in `video`. A position failed when the
// item carries an `error`, `ok: false`, `success: false` or a status
// "failed"/"error". Read leniently: nothing throws, unusable items are skipped.
#include <map>
#include <optional>
#include <string>

#include "ugc/api/publish_result.hpp"
#include "ugc/core/json.hpp"

namespace ugc::api {

struct SlotResult {
  bool failed = false;
  std::string video_id;  // the slot's video id when the answer names it
  std::string status;
  std::string error_code;
  std::string error_message;
};

struct AutoPublishResult {
  std::optional<bool> published;  // as stated; nullopt when the report does not say
  std::string error_code;
  std::string error_message;
  PublishResult publish;  // dates the server moved forward
};

struct BatchConfigureResult {
  std::map<int, SlotResult> slots;  // by position
  std::optional<AutoPublishResult> auto_publish;  // when the answer reports one
};

BatchConfigureResult parse_batch_configure_result(const Json& data);

}  // namespace ugc::api
