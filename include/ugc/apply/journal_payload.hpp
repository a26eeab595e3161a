#pragma once
// The journal payload of one request: everything reconciliation needs to
// finish it after a crash without the plan that made it - the campaign, the
// action (with its records, as plan JSON), which of its requests this was,
// and the request exactly as sent.
#include <string>

#include "ugc/apply/sent_request.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::apply {

Json journal_payload(const std::string& campaign, const plan::Action& action, std::size_t index,
                     const SentRequest& sent);

struct JournalPayload {
  std::string campaign;
  plan::Action action;
  std::size_t index = 0;
  SentRequest sent;
};

Result<JournalPayload> parse_journal_payload(const Json& payload);

}  // namespace ugc::apply
