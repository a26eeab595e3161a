// The JSON rendering of a plan: the checksummed document of plan_json.hpp,
// the same bytes `ugc plan --out` saves.
#include "renderers.hpp"
#include "ugc/plan/plan_json.hpp"

namespace ugc::plan {
namespace {

class JsonRenderer : public PlanRenderer {
 public:
  void write(const Plan& plan, ByteSink& out) const override { write_signed_plan_json(plan, out); }
};

}  // namespace

std::unique_ptr<PlanRenderer> make_json_renderer() { return std::make_unique<JsonRenderer>(); }

}  // namespace ugc::plan
