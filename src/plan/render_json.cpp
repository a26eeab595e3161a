// The JSON rendering of a plan: the checksummed document of plan_json.hpp,
// the same bytes `ugc plan --out` saves.
#include "renderers.hpp"
#include "ugc/plan/plan_json.hpp"

namespace ugc::plan {
namespace {

class JsonRenderer : public PlanRenderer {
 public:
  std::string render(const Plan& plan) const override { return plan_to_signed_json(plan).dump(2) + "\n"; }
};

}  // namespace

std::unique_ptr<PlanRenderer> make_json_renderer() { return std::make_unique<JsonRenderer>(); }

}  // namespace ugc::plan
