#include "ugc/apply/journal_payload.hpp"

#include "ugc/plan/plan_json.hpp"

namespace ugc::apply {

Json journal_payload(const std::string& campaign, const plan::Action& action, std::size_t index,
                     const SentRequest& sent) {
  // A one-action plan: reuses the plan's own JSON form for the records.
  plan::Plan one;
  one.campaign = campaign;
  one.actions.push_back(action);
  one.totals = plan::compute_totals(one);
  return Json{{"format", 1},
              {"campaign", campaign},
              {"index", index},
              {"sent", to_json(sent)},
              {"plan", Json::parse(plan::plan_to_json(one).dump())}};
}

namespace {

// The stored fields read with nlohmann's typed accessors, which throw on a
// wrong type (a payload hand-edited or written by another version).
Status read_header(const Json& payload, JournalPayload& p) {
  try {
    if (!payload.is_object() || payload.value("format", 0) != 1 || !payload.contains("plan"))
      return invalid_input("journal entry written by another version of ugc");
    p.campaign = payload.value("campaign", std::string());
    p.index = payload.value("index", std::size_t{0});
  } catch (const Json::exception& e) {
    return invalid_input(std::string("journal entry has a malformed header: ") + e.what());
  }
  return {};
}

}  // namespace

Result<JournalPayload> parse_journal_payload(const Json& payload) {
  JournalPayload p;
  UGC_TRY(read_header(payload, p));
  auto sent = sent_request_from_json(payload.value("sent", Json()));
  if (!sent.ok()) return sent.error();
  p.sent = std::move(*sent);
  auto plan = plan::plan_from_json(OrderedJson::parse(payload["plan"].dump()));
  if (!plan.ok()) return plan.error().with_context("journal entry");
  if (plan->actions.size() != 1) return invalid_input("journal entry holds no action");
  p.action = std::move(plan->actions.front());
  // Written before uploads were checked: the action's media key is the hash.
  if (p.sent.multipart() && p.sent.file_sha256.empty() && p.action.media) p.sent.file_sha256 = p.action.media->key;
  return p;
}

}  // namespace ugc::apply
