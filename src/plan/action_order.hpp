#pragma once
// The order of a plan's actions, as `depends_on` edges: an action on a bundle
// waits for the action that creates or renames it, one sending a media URL
// waits for the upload, a publish waits for the patches of its bundle.
// Private to module plan.
#include <string>
#include <vector>

#include "bundle_work.hpp"
#include "planning.hpp"

namespace ugc::plan {

// The create or rename action a bundle's other actions wait for.
std::vector<std::string> bundle_deps(const BundleWork& work);
// Adds `action_id` unless empty or already there.
void add_dep(std::vector<std::string>& deps, const std::string& action_id);
// The upload action of this plan for a media, empty when none is needed.
std::string upload_action_of(const Planning& p, const std::string& media_id, const std::string& purpose);
// Waits for every patch_video already planned on `bundle_ref`.
void add_patch_deps(const Planning& p, const std::string& bundle_ref, std::vector<std::string>& deps);

}  // namespace ugc::plan
