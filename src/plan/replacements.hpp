#pragma once
// Replacement bundles for bundles TokPortal cancelled (a validated ban, or a
// cancel), docs/design.md "Bans and cancellations". Buying one spends
// credits, so only a market with `on_cancel: replace` gets a new one: it is
// an ordinary desired bundle `<ref>~r<n>` (the n-th replacement of <ref>),
// created and priced like any other, and the cancelled bundle's unposted
// videos move to it. Replacements state already knows stay desired whatever
// the file says (they were bought). Without the opt-in nothing moves, and the
// planner shows those videos as blocked (blocked_changes.hpp).
// Private to module plan.
#include "ugc/expand/desired.hpp"
#include "ugc/state/resources.hpp"

namespace ugc::plan {

// `desired` with the replacements added and the unposted slots of cancelled
// bundles re-pointed to their bundle's newest replacement (moved through:
// unchanged when nothing is cancelled).
expand::DesiredResources with_replacements(expand::DesiredResources desired, const state::KnownResources& known);

}  // namespace ugc::plan
