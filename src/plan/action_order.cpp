#include "action_order.hpp"

#include <algorithm>

namespace ugc::plan {

std::vector<std::string> bundle_deps(const BundleWork& work) {
  std::vector<std::string> deps;
  if (!work.create_action.empty()) deps.push_back(work.create_action);
  if (!work.rename_action.empty()) deps.push_back(work.rename_action);
  return deps;
}

void add_dep(std::vector<std::string>& deps, const std::string& action_id) {
  if (!action_id.empty() && std::find(deps.begin(), deps.end(), action_id) == deps.end()) deps.push_back(action_id);
}

std::string upload_action_of(const Planning& p, const std::string& media_id, const std::string& purpose) {
  const expand::DesiredMedia* m = p.index.media(media_id);
  if (!m) return {};
  auto u = p.upload_actions.find(StringViewPair{purpose, media_key(*m)});
  return u == p.upload_actions.end() ? std::string() : u->second;
}

void add_patch_deps(const Planning& p, const std::string& bundle_ref, std::vector<std::string>& deps) {
  auto patches = p.patch_actions.find(bundle_ref);
  if (patches == p.patch_actions.end()) return;
  for (const auto& id : patches->second) add_dep(deps, id);
}

}  // namespace ugc::plan
