#pragma once
// Bindings: the values plan placeholders stand for, learned at apply time
// (plan.hpp lists the placeholders):
//   {bundle:<external_ref>}      -> the TokPortal bundle id
//   {media:<key>}                -> the public_url of uploaded media
//   {media_storage:<key>}        -> the storage_path of an uploaded image
// Seeded from the state store before a run and filled in as create and upload
// actions succeed, so a later action's path and body name real ids.
//
// Substitution is strict: a placeholder with no value is an error (fatal: the
// plan's dependencies should have produced it), never sent as literal text.
// Placeholders may sit anywhere in a path or form value; in a JSON body only
// whole string values are placeholders. Media given by URL is its own key, so
// {media:https://...} resolves to the URL itself when nothing was uploaded.
// Thread-safe.
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "ugc/core/json.hpp"
#include "ugc/core/result.hpp"

namespace ugc::apply {

class Bindings {
 public:
  void set_bundle_id(const std::string& external_ref, const std::string& id);
  void set_media(const std::string& key, const std::string& public_url, const std::string& storage_path);

  std::optional<std::string> bundle_id(const std::string& external_ref) const;
  std::optional<std::string> media_url(const std::string& key) const;

  // Replaces every placeholder in `text`.
  Result<std::string> substitute(const std::string& text) const;
  // Replaces placeholders in every string value of `body` (recursively).
  Result<Json> substitute(const Json& body) const;

 private:
  Result<std::string> resolve(const std::string& kind, const std::string& key) const;

  mutable std::mutex mu_;
  std::map<std::string, std::string> bundles_;
  std::map<std::string, std::string> media_urls_;
  std::map<std::string, std::string> media_storage_;
};

}  // namespace ugc::apply
