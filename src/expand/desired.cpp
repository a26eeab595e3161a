#include "ugc/expand/desired.hpp"

namespace ugc::expand {

const DesiredBundle* DesiredResources::find_bundle(const std::string& external_ref) const {
  for (const auto& bundle : bundles)
    if (bundle.external_ref == external_ref) return &bundle;
  return nullptr;
}

const DesiredSlot* DesiredResources::find_slot(const std::string& external_ref) const {
  for (const auto& slot : slots)
    if (slot.external_ref == external_ref) return &slot;
  return nullptr;
}

}  // namespace ugc::expand
