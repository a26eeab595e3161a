#include "ugc/expand/desired_json.hpp"

namespace ugc::expand {

Json to_json(const DesiredAccount& account) {
  return Json{{"username", account.username},
              {"visible_name", account.visible_name},
              {"biography", account.biography},
              {"profile_picture_media", account.profile_picture_media}};
}

Json to_json(const DesiredBundle& bundle) {
  return Json{{"external_ref", bundle.external_ref},
              {"market", bundle.market},
              {"platform", manifest::to_string(bundle.platform)},
              {"index", bundle.index},
              {"videos_quantity", bundle.videos_quantity},
              {"niche_warming", bundle.niche_warming},
              {"account", to_json(bundle.account)}};
}

Json to_json(const DesiredSlot& slot) {
  return Json{{"external_ref", slot.external_ref},
              {"bundle_ref", slot.bundle_ref},
              {"position", slot.position},
              {"video_id", slot.video_id},
              {"market", slot.market},
              {"platform", manifest::to_string(slot.platform)},
              {"media", slot.media},
              {"caption", slot.caption},
              {"publish_date", slot.publish_date.str()}};
}

Json to_json(const DesiredMedia& media) {
  return Json{{"id", media.id},
              {"path", media.path},
              {"url", media.url},
              {"sha256", media.sha256},
              {"purpose", media.purpose}};
}

Json to_json(const DesiredResources& desired) {
  Json bundles = Json::array();
  for (const auto& b : desired.bundles) bundles.push_back(to_json(b));
  Json slots = Json::array();
  for (const auto& s : desired.slots) slots.push_back(to_json(s));
  Json media = Json::array();
  for (const auto& m : desired.media) media.push_back(to_json(m));
  Json moved = Json::array();
  for (const auto& m : desired.moved) moved.push_back(Json{{"from", m.from}, {"to", m.to}});
  return Json{{"campaign", desired.campaign},
              {"bundles", std::move(bundles)},
              {"slots", std::move(slots)},
              {"media", std::move(media)},
              {"moved", std::move(moved)}};
}

}  // namespace ugc::expand
