// One upload per distinct media file (and the profile picture once), lending
// the id of the first bundle that uses it (an existing one if any, so the
// upload need not wait for a create). Media given by URL needs no upload.
#include <algorithm>
#include <map>
#include <utility>

#include "actions.hpp"
#include "request_bodies.hpp"

namespace ugc::plan {
namespace {

struct UploadNeed {
  const expand::DesiredMedia* media = nullptr;
  std::string purpose;  // "video" | "profile_picture"
  BundleWork* lender = nullptr;
  std::vector<std::string> media_ids;
};

// Uploads the plan needs, in first-use order, keyed by (purpose, media key).
class UploadNeeds {
 public:
  void need(const Planning& p, const std::string& media_id, const std::string& purpose, BundleWork& w) {
    const expand::DesiredMedia* m = p.index.media(media_id);
    if (!m) return;
    const std::string& key = media_key(*m);
    if (purpose == "video" && m->path.empty()) return;  // a URL goes straight into video_url
    if (p.index.known_media(key, purpose)) return;
    auto id = std::pair{purpose, key};
    auto [n, fresh] = needs_.try_emplace(id);
    if (fresh) {
      order_.push_back(id);
      n->second.media = m;
      n->second.purpose = purpose;
    }
    if (!n->second.lender || (!n->second.lender->have && w.have)) n->second.lender = &w;
    auto& ids = n->second.media_ids;
    if (std::find(ids.begin(), ids.end(), m->id) == ids.end()) ids.push_back(m->id);
  }

  const std::vector<std::pair<std::string, std::string>>& order() const { return order_; }
  const UploadNeed& at(const std::pair<std::string, std::string>& id) const { return needs_.at(id); }

 private:
  std::vector<std::pair<std::string, std::string>> order_;  // (purpose, key)
  std::map<std::pair<std::string, std::string>, UploadNeed> needs_;
};

void emit_upload(Planning& p, const std::pair<std::string, std::string>& id, const UploadNeed& n) {
  const std::string& key = id.second;
  const std::string lender = n.lender->want->external_ref;
  const std::string source = n.media->path.empty() ? n.media->url : n.media->path;
  Action a;
  a.id = "upload_media:" + (n.purpose == "video" ? key : n.purpose + ":" + key);
  a.kind = ActionKind::upload_media;
  a.bundle_ref = lender;
  a.targets = n.media_ids;
  a.reason = n.purpose == "video" ? "media not uploaded yet; uploaded once and reused by URL"
                                  : "profile picture not uploaded yet; uploaded once as purpose=profile_picture";
  a.changes = {{"media " + n.media->id, none, some(source)}};
  a.requests.push_back(body::upload(n.purpose, *n.media, lender));
  a.media = MediaRecord{key, n.purpose, n.media->path, n.media->path.empty() ? n.media->url : ""};
  if (!n.lender->create_action.empty()) a.depends_on.push_back(n.lender->create_action);
  if (!n.lender->rename_action.empty()) a.depends_on.push_back(n.lender->rename_action);
  p.upload_actions[id] = a.id;
  p.add(std::move(a));
}

}  // namespace

void emit_uploads(Planning& p, std::vector<BundleWork>& work) {
  UploadNeeds needs;
  for (auto& w : work) {
    if (w.configure_account && !w.want->account.profile_picture_media.empty())
      needs.need(p, w.want->account.profile_picture_media, "profile_picture", w);
    for (const auto& s : w.configure) needs.need(p, s.want->media, "video", w);
  }
  for (const auto& id : needs.order()) emit_upload(p, id, needs.at(id));
}

}  // namespace ugc::plan
