#pragma once
// The JSON form of a Plan (schemas/plan.schema.json): what `ugc plan --format
// json` prints and what `ugc plan --out F` saves. Keys are emitted in a fixed
// order so plans diff well in git. `checksum` is the sha256 of the document
// without it (compact dump of the remaining keys in order), so a hand-edited
// plan file is detected. The write_* functions stream the same bytes through a
// JsonWriter without building the document (a 200,000-slot plan is hundreds of
// MB as a DOM); the OrderedJson forms remain for comparing and reading plans.
#include <functional>
#include <string>

#include "ugc/core/byte_sink.hpp"
#include "ugc/core/json.hpp"
#include "ugc/core/json_writer.hpp"
#include "ugc/core/result.hpp"
#include "ugc/plan/plan.hpp"

namespace ugc::plan {

// Without the checksum key.
OrderedJson plan_to_json(const Plan& plan);
// One element of the document's "actions" (for comparing plans action by action).
OrderedJson action_to_json(const Action& action);
// The checksum of a document produced by plan_to_json (key "checksum" ignored).
std::string plan_checksum(const OrderedJson& document);
// With `checksum` as the last key.
OrderedJson plan_to_signed_json(const Plan& plan);
// The members of plan_to_json(plan), in order, into an object `writer` has open.
void write_plan_members(const Plan& plan, JsonWriter& writer);
// An object as dump(2) writes it, streamed into `out`: `members` write its
// members, then comes "checksum", the sha256 of its compact form without that
// key (hashed on a thread of its own while the indented form is written), and
// a newline.
void write_signed_json(ByteSink& out, const std::function<void(JsonWriter&)>& members);
// plan_to_signed_json(plan).dump(2) + "\n", streamed into `out`. `extra`, when
// set, writes more members (e.g. "refresh") after the plan's and before the
// checksum, which covers them too.
void write_signed_plan_json(const Plan& plan, ByteSink& out,
                            const std::function<void(JsonWriter&)>& extra = nullptr);
// Parses a plan document; does not verify the checksum (see saved_plan.hpp).
Result<Plan> plan_from_json(const OrderedJson& document);

}  // namespace ugc::plan
