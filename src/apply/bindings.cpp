#include "ugc/apply/bindings.hpp"

namespace ugc::apply {

namespace {

constexpr const char* kKinds[] = {"bundle", "media", "media_storage"};

bool is_url(const std::string& key) { return key.rfind("http://", 0) == 0 || key.rfind("https://", 0) == 0; }

// Finds the next "{kind:" at or after `from`; returns npos when none.
std::size_t next_placeholder(const std::string& text, std::size_t from, std::string& kind) {
  std::size_t best = std::string::npos;
  for (const char* k : kKinds) {
    std::string open = std::string("{") + k + ":";
    std::size_t at = text.find(open, from);
    if (at < best) {
      best = at;
      kind = k;
    }
  }
  return best;
}

}  // namespace

void Bindings::set_bundle_id(const std::string& external_ref, const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  bundles_[external_ref] = id;
}

void Bindings::set_media(const std::string& key, const std::string& public_url, const std::string& storage_path) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!public_url.empty()) media_urls_[key] = public_url;
  if (!storage_path.empty()) media_storage_[key] = storage_path;
}

std::optional<std::string> Bindings::bundle_id(const std::string& external_ref) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = bundles_.find(external_ref);
  if (it == bundles_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Bindings::media_url(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = media_urls_.find(key);
  if (it == media_urls_.end()) return std::nullopt;
  return it->second;
}

Result<std::string> Bindings::resolve(const std::string& kind, const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto& table = kind == "bundle" ? bundles_ : kind == "media" ? media_urls_ : media_storage_;
  auto it = table.find(key);
  if (it != table.end() && !it->second.empty()) return it->second;
  if (kind != "bundle" && is_url(key)) return key;  // remote media passes through
  return fatal_error("no value for placeholder {" + kind + ":" + key + "}: the action that provides it has not succeeded");
}

Result<std::string> Bindings::substitute(const std::string& text) const {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    std::string kind;
    std::size_t at = next_placeholder(text, pos, kind);
    if (at == std::string::npos) break;
    std::size_t key_begin = at + kind.size() + 2;
    // URL keys may contain '}' only in theory; refs and hashes never do.
    std::size_t close = text.find('}', key_begin);
    if (close == std::string::npos) return fatal_error("unterminated placeholder in '" + text + "'");
    auto value = resolve(kind, text.substr(key_begin, close - key_begin));
    if (!value.ok()) return value.error();
    out.append(text, pos, at - pos);
    out += *value;
    pos = close + 1;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

Result<Json> Bindings::substitute(const Json& body) const {
  if (body.is_string()) {
    const std::string& s = body.get_ref<const std::string&>();
    std::string kind;
    if (!s.empty() && s.front() == '{' && s.back() == '}' && next_placeholder(s, 0, kind) == 0) {
      std::string key = s.substr(kind.size() + 2, s.size() - kind.size() - 3);
      auto value = resolve(kind, key);
      if (!value.ok()) return value.error();
      return Json(*value);
    }
    return body;
  }
  if (body.is_array()) {
    Json out = Json::array();
    for (const auto& item : body) {
      auto v = substitute(item);
      if (!v.ok()) return v.error();
      out.push_back(std::move(*v));
    }
    return out;
  }
  if (body.is_object()) {
    Json out = Json::object();
    for (auto it = body.begin(); it != body.end(); ++it) {
      auto v = substitute(it.value());
      if (!v.ok()) return v.error();
      out[it.key()] = std::move(*v);
    }
    return out;
  }
  return body;
}

}  // namespace ugc::apply
