#include "ugc/sim/video_config.hpp"

#include <algorithm>

#include "ugc/sim/date_rules.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/prices.hpp"
#include "ugc/sim/router.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

bool has(const Json& o, const char* k) { return o.contains(k) && !o[k].is_null(); }

bool paid(const VideoSlot& s, const std::string& addon) {
  return std::find(s.paid_addons.begin(), s.paid_addons.end(), addon) != s.paid_addons.end();
}

void copy_string(const Json& item, Json& cfg, const char* name, size_t max_len = 100000) {
  if (auto v = fields::opt_string(item, name, max_len)) cfg[name] = *v;
}

void copy_bool(const Json& item, Json& cfg, const char* name) {
  if (auto v = fields::opt_bool(item, name)) cfg[name] = *v;
}

void not_for_type(const Json& item, const char* name, const std::string& type) {
  if (has(item, name)) fields::invalid(name, std::string(name) + " is not allowed for video_type " + type);
}

void reject_unknown_slot_fields(const Json& item, bool batch_item) {
  static const std::initializer_list<std::string_view> kSlotFields = {
      "video_type", "target_publish_date", "description", "video_url", "carousel_images", "carousel_title",
      "story_image_url", "story_repost_url", "tiktok_sound_url", "volume_original_sound", "volume_added_sound",
      "editing_instructions", "name", "external_ref", "instagram_content_type", "instagram_location",
      "instagram_collaborators", "instagram_audio_name", "instagram_add_to_story", "ai_content_disclaimer",
      "disclose_as_ads", "instant_repost_as_story", "youtube_title", "youtube_tags", "youtube_category",
      "youtube_visibility", "youtube_sound_url", "auto_publish", "position"};
  for (const auto& [key, value] : item.items()) {
    const bool misplaced = (key == "auto_publish" && batch_item) || (key == "position" && !batch_item);
    if (misplaced || std::find(kSlotFields.begin(), kSlotFields.end(), key) == kSlotFields.end())
      fail(400, "UNKNOWN_FIELD",
           key == "target_publish_end_date"
               ? "target_publish_end_date cannot be set here; the window is target_publish_date and the next day "
                 "(PATCH sets an explicit window)"
           : key == "auto_publish" ? "auto_publish is accepted only at the top level of the batch body"
                                   : "Unknown field '" + key + "' for this operation",
           Json{{"field", key}});
  }
}

// Accepted but not applied: listed in the answer's ignored_fields.
void ignore_field(const Json& item, const char* name, SlotConfig& out) {
  if (has(item, name)) out.ignored_fields.push_back(name);
}

void check_story_content(const Json& item, SlotConfig& out) {
  const std::string type = "story";
  ignore_field(item, "description", out);
  not_for_type(item, "carousel_images", type);
  const bool video = has(item, "video_url"), image = has(item, "story_image_url");
  if (video && image) fields::invalid("story_image_url", "A story takes exactly one of video_url or story_image_url");
  if (!video && !image && !has(item, "story_repost_url"))
    fields::invalid("video_url", "A story needs video_url, story_image_url or story_repost_url");
  copy_string(item, out.config, "video_url", 2048);
  copy_string(item, out.config, "story_image_url", 2048);
  copy_string(item, out.config, "story_repost_url", 2048);
}

// A video or a carousel: a description and the media of its type.
void check_post_content(const Json& item, const std::string& type, bool tiktok, SlotConfig& out) {
  Json& cfg = out.config;
  auto description = fields::opt_string(item, "description", 100000);
  if (!description || description->empty())
    fields::invalid("description", "description is required for video_type " + type);
  cfg["description"] = *description;
  not_for_type(item, "story_image_url", type);
  not_for_type(item, "story_repost_url", type);
  if (type == "video") {
    not_for_type(item, "carousel_images", type);
    cfg["video_url"] = fields::req_string(item, "video_url", 2048);
    return;
  }
  not_for_type(item, "video_url", type);
  auto images = fields::opt_string_array(item, "carousel_images");
  if (!images || images->empty() || images->size() > 20)
    fields::invalid("carousel_images", "carousel_images must hold 1-20 images");
  cfg["carousel_images"] = *images;
  copy_string(item, cfg, "carousel_title", 200);
  if (tiktok && !has(item, "tiktok_sound_url"))
    fields::invalid("tiktok_sound_url", "TikTok carousels need tiktok_sound_url");
}

void check_tiktok_fields(const Json& item, SlotConfig& out) {
  copy_string(item, out.config, "tiktok_sound_url", 2048);
  for (const char* k : {"instagram_content_type", "instagram_location", "instagram_collaborators",
                        "instagram_audio_name", "instagram_add_to_story"})
    ignore_field(item, k, out);
}

void check_instagram_fields(const Json& item, const std::string& type, SlotConfig& out) {
  Json& cfg = out.config;
  ignore_field(item, "tiktok_sound_url", out);
  auto ct = fields::opt_enum(item, "instagram_content_type", {"reel", "post"});
  if (!ct && type != "story")
    fields::invalid("instagram_content_type", "instagram_content_type (reel or post) is required on Instagram");
  if (ct) cfg["instagram_content_type"] = *ct;
  copy_string(item, cfg, "instagram_location", 200);
  if (auto c = fields::opt_string_array(item, "instagram_collaborators")) cfg["instagram_collaborators"] = *c;
  copy_string(item, cfg, "instagram_audio_name", 200);
  copy_bool(item, cfg, "instagram_add_to_story");
}

// editing_instructions use one of the bundle's edit slots (the slot's own earlier use does not count).
void check_editing_instructions(const Bundle& b, const VideoSlot& slot, const Json& item, Json& cfg) {
  auto e = fields::opt_string(item, "editing_instructions", 5000);
  if (!e) return;
  int used = 0;
  for (const auto& v : b.videos)
    if (v.position != slot.position && v.config.contains("editing_instructions")) ++used;
  if (used >= b.edits_quantity)
    fail(400, "VALIDATION_ERROR", "No edit slot left for editing_instructions; buy one with add-edit-slots",
         Json{{"field", "editing_instructions"}, {"edits_quantity", b.edits_quantity}, {"edits_used", used}});
  cfg["editing_instructions"] = *e;
}

// Fields of every type and platform; YouTube fields are accepted and ignored.
void check_common_fields(const Bundle& b, const VideoSlot& slot, const Json& item, SlotConfig& out) {
  Json& cfg = out.config;
  for (const char* k : {"youtube_title", "youtube_tags", "youtube_category", "youtube_visibility", "youtube_sound_url"})
    ignore_field(item, k, out);
  for (const char* k : {"volume_original_sound", "volume_added_sound"})
    if (auto v = fields::opt_int(item, k, 0, 100)) cfg[k] = *v;
  copy_string(item, cfg, "name", 200);
  copy_string(item, cfg, "external_ref", 200);
  copy_bool(item, cfg, "ai_content_disclaimer");
  copy_bool(item, cfg, "disclose_as_ads");
  copy_bool(item, cfg, "instant_repost_as_story");
  check_editing_instructions(b, slot, item, cfg);
}

// The one-time paid add-ons this configuration uses and the slot has not paid yet.
std::vector<std::string> newly_due_addons(const VideoSlot& slot, const Json& cfg) {
  std::vector<std::string> addons;
  if ((cfg.contains("volume_original_sound") || cfg.contains("volume_added_sound")) && !paid(slot, "sound_volume"))
    addons.push_back("sound_volume");
  if (cfg.contains("story_repost_url") && !paid(slot, "story_repost")) addons.push_back("story_repost");
  if (cfg.value("instant_repost_as_story", false) && !paid(slot, "instant_repost_as_story"))
    addons.push_back("instant_repost_as_story");
  return addons;
}

}  // namespace

void require_configurable(const VideoSlot& slot) {
  if (slot.status != "pending" && slot.status != "configured")
    fail(409, "VIDEO_INVALID_STATUS",
         "Slot " + std::to_string(slot.position) + " is " + slot.status +
             "; only pending or configured slots can be configured (use unschedule/reset or PATCH)",
         Json{{"position", slot.position}, {"current_status", slot.status}});
}

SlotConfig check_slot_config(const Bundle& b, const VideoSlot& slot, const Json& item, CivilDate today, bool batch_item) {
  reject_unknown_slot_fields(item, batch_item);
  require_configurable(slot);

  SlotConfig out;
  auto type_field = fields::opt_enum(item, "video_type", {"video", "carousel", "story"});
  if (!type_field) fields::invalid("video_type", "video_type is required (video, carousel or story)");
  const std::string type = *type_field;
  out.config["video_type"] = type;
  out.date = parse_video_date(fields::req_string(item, "target_publish_date", 10), "target_publish_date");
  check_lead_time(b, out.date, today);
  check_day_capacity(b, out.date.str(), slot.position);

  const bool tiktok = b.platform == "tiktok";
  if (type == "story") check_story_content(item, out);
  else check_post_content(item, type, tiktok, out);
  if (tiktok) check_tiktok_fields(item, out);
  else check_instagram_fields(item, type, out);
  check_common_fields(b, slot, item, out);

  out.addons = newly_due_addons(slot, out.config);
  out.cost = static_cast<int64_t>(out.addons.size()) * price::kSoundVolume;  // every add-on costs 1 credit
  return out;
}

int64_t apply_slot_config(World& world, Tenant& tenant, Bundle& b, VideoSlot& slot, SlotConfig cfg) {
  if (cfg.cost > 0) {
    Json breakdown = Json::object();
    for (const auto& a : cfg.addons) breakdown[a] = 1;
    breakdown["total"] = cfg.cost;
    world.debit(tenant, cfg.cost, "Video add-ons, slot " + std::to_string(slot.position), breakdown, {b.id});
    for (const auto& a : cfg.addons) slot.paid_addons.push_back(a);
  }
  slot.config = std::move(cfg.config);
  slot.target_publish_start_date = cfg.date.str();
  slot.target_publish_end_date = cfg.date.plus_days(1).str();
  slot.status = "configured";
  slot.configured_at = world.now_iso();
  Json data = bundle_event_data(b);
  data["video_id"] = slot.id;
  data["position"] = slot.position;
  data["status"] = slot.status;
  data["target_publish_date"] = *slot.target_publish_start_date;
  world.emit(tenant, "video.configured", std::move(data));
  return cfg.cost;
}

}  // namespace ugc::sim
