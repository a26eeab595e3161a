#include "ugc/api/batch_result.hpp"

#include "json_fields.hpp"

namespace ugc::api {
namespace {

using detail::str_field;

const Json* slot_result_list(const Json& data) {
  if (data.is_array()) return &data;
  if (!data.is_object()) return nullptr;
  for (const char* key : {"videos", "results", "items"})
    if (auto it = data.find(key); it != data.end() && it->is_array()) return &*it;
  return nullptr;
}

void read_slot_error(const Json& item, SlotResult& out) {
  auto error = item.find("error");
  if (error != item.end() && !error->is_null()) {
    out.failed = true;
    out.error_code = str_field(*error, "code");
    out.error_message = error->is_string() ? error->get<std::string>() : str_field(*error, "message");
  }
  for (const char* flag : {"ok", "success"})
    if (auto it = item.find(flag); it != item.end() && it->is_boolean() && !it->get<bool>()) out.failed = true;
  const std::string status = str_field(item, "status");
  if (status == "failed" || status == "error") out.failed = true;
}

SlotResult parse_slot_result(const Json& item) {
  SlotResult out;
  auto wrapped = item.find("video");
  const Json& video = wrapped != item.end() && wrapped->is_object() ? *wrapped : item;
  out.video_id = str_field(video, "id");
  if (out.video_id.empty()) out.video_id = str_field(item, "video_id");
  out.status = str_field(video, "status");
  read_slot_error(item, out);
  return out;
}

AutoPublishResult parse_auto_publish(const Json& report) {
  AutoPublishResult out;
  if (auto it = report.find("published"); it != report.end() && it->is_boolean()) out.published = it->get<bool>();
  if (auto it = report.find("error"); it != report.end()) {
    out.error_code = str_field(*it, "code");
    out.error_message = str_field(*it, "message");
  }
  out.publish = parse_publish_result(report);
  return out;
}

}  // namespace

BatchConfigureResult parse_batch_configure_result(const Json& data) {
  BatchConfigureResult out;
  if (const Json* list = slot_result_list(data))
    for (const Json& item : *list) {
      if (!item.is_object()) continue;
      auto position = item.find("position");
      if (position == item.end() || !position->is_number_integer()) continue;
      out.slots[position->get<int>()] = parse_slot_result(item);
    }
  if (data.is_object())
    if (auto it = data.find("auto_publish"); it != data.end() && it->is_object())
      out.auto_publish = parse_auto_publish(*it);
  return out;
}

}  // namespace ugc::api
