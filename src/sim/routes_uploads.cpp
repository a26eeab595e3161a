// Media upload routes (docs/tokportal-api.md §7):
//   POST /upload/video/direct   multipart file + bundle_id         -> public_url
//   POST /upload/image/direct   multipart file + bundle_id + purpose -> public_url, storage_path
//   POST /upload/image/from-url JSON {url, bundle_id, purpose?}    -> storage_path, public_url
//   POST /upload/video          JSON {filename, content_type?, bundle_id}          -> upload_url (sensitive)
//   POST /upload/image          JSON {filename, content_type, bundle_id, purpose?} -> upload_url (sensitive)
// and the simulator's own storage endpoints (control routes, no key, like a CDN / S3):
//   PUT /__sim/upload/{token}   the bytes, with the Content-Type declared at presign time
//   GET /__sim/media/{id}       the stored bytes
// No handler does network I/O: from-url never downloads (the simulator is
// offline), except that it copies media the simulator itself serves.
#include <memory>

#include "ugc/core/hash.hpp"
#include "ugc/sim/fields.hpp"
#include "ugc/sim/routes.hpp"
#include "ugc/sim/upload_store.hpp"
#include "ugc/sim/views.hpp"

namespace ugc::sim {
namespace {

using StorePtr = std::shared_ptr<UploadStore>;

std::string base_url(const Call& call) {
  std::string host = call.req.get_header_value("Host");
  if (host.empty()) host = "127.0.0.1";
  return "http://" + host;
}

std::string media_url(const Call& call, const std::string& media_id) {
  return base_url(call) + "/__sim/media/" + media_id;
}

std::string storage_path(const std::string& bundle_id, const std::string& purpose, const std::string& media_id,
                         const std::string& content_type) {
  return "uploads/" + bundle_id + "/" + purpose + "/" + media_id + "." + extension_for(content_type);
}

// A multipart text field, or 400 when required and missing.
std::optional<std::string> form_field(const Call& call, const char* name, bool required) {
  if (!call.req.has_file(name)) {
    if (required) fields::invalid(name, std::string(name) + " is required");
    return std::nullopt;
  }
  return call.req.get_file_value(name).content;
}

std::string purpose_of(const std::optional<std::string>& purpose) {
  if (!purpose) return "carousel";
  if (*purpose != "carousel" && *purpose != "profile_picture")
    fields::invalid("purpose", "purpose must be carousel or profile_picture");
  return *purpose;
}

struct DirectFile {
  std::string filename, content_type, bytes;
};

DirectFile read_direct(Call& call, bool video) {
  if (!call.req.is_multipart_form_data())
    fields::invalid("file", "send multipart/form-data with a file part");
  if (!call.req.has_file("file")) fields::invalid("file", "file is required");
  const auto part = call.req.get_file_value("file");
  DirectFile f{part.filename.empty() ? std::string(video ? "video" : "image") : part.filename, part.content_type,
               part.content};
  if (f.content_type.empty() || f.content_type == "application/octet-stream")
    f.content_type = content_type_for_filename(f.filename);
  if (f.bytes.empty()) fields::invalid("file", "file is empty");
  if (video && !is_video_type(f.content_type))
    fields::invalid("file", "file must be a video (got '" + f.content_type + "')");
  if (!video && !is_image_type(f.content_type))
    fields::invalid("file", "file must be a JPEG, PNG, WebP or GIF image (got '" + f.content_type + "')");
  const std::size_t max = video ? kMaxVideoBytes : kMaxImageBytes;
  if (f.bytes.size() > max)
    fail(400, "VALIDATION_ERROR", "file is larger than the simulator's limit",
         Json{{"field", "file"}, {"max_bytes", max}, {"size_bytes", f.bytes.size()}});
  return f;
}

void register_direct(Router& router, const StorePtr& store) {
  router.post("/upload/video/direct", [store](Call& call) {
    DirectFile f = read_direct(call, true);
    Bundle& b = owned_bundle(call.world, *call.tenant, *form_field(call, "bundle_id", true));
    const std::string id = sha256_hex(f.bytes);
    Json out = {{"public_url", media_url(call, id)},
                {"filename", f.filename},
                {"size_bytes", f.bytes.size()},
                {"content_type", f.content_type},
                {"bundle_id", b.id}};
    if (!call.dry_run) store->media[id] = StoredMedia{f.content_type, f.filename, std::move(f.bytes)};
    return Reply::data(out);
  }).body = BodyKind::multipart;

  router.post("/upload/image/direct", [store](Call& call) {
    DirectFile f = read_direct(call, false);
    Bundle& b = owned_bundle(call.world, *call.tenant, *form_field(call, "bundle_id", true));
    const std::string purpose = purpose_of(form_field(call, "purpose", false));
    const std::string id = sha256_hex(f.bytes);
    Json out = {{"public_url", media_url(call, id)},
                {"storage_path", storage_path(b.id, purpose, id, f.content_type)},
                {"filename", f.filename},
                {"size_bytes", f.bytes.size()},
                {"content_type", f.content_type},
                {"purpose", purpose},
                {"bundle_id", b.id}};
    if (!call.dry_run) store->media[id] = StoredMedia{f.content_type, f.filename, std::move(f.bytes)};
    return Reply::data(out);
  }).body = BodyKind::multipart;

  router.post("/upload/image/from-url", [store](Call& call) {
    const Json& body = fields::object_body(call);
    fields::reject_unknown(body, {"url", "bundle_id", "purpose"});
    const std::string url = fields::req_string(body, "url", 2048);
    if (!url.starts_with("https://") && !url.starts_with("http://"))
      fields::invalid("url", "url must be a public http(s) URL of a JPEG, PNG, WebP or GIF image");
    Bundle& b = owned_bundle(call.world, *call.tenant, fields::req_string(body, "bundle_id", 100));
    const std::string purpose = purpose_of(fields::opt_string(body, "purpose", 50));
    // Our own media URL: copy it. Anything else: the simulator is offline, so
    // it trusts the URL's extension instead of downloading.
    const std::string own = base_url(call) + "/__sim/media/";
    std::string id, content_type;
    if (url.starts_with(own)) {
      auto it = store->media.find(url.substr(own.size()));
      if (it == store->media.end() || !is_image_type(it->second.content_type))
        fields::invalid("url", "url does not point to a stored image");
      id = it->first;
      content_type = it->second.content_type;
    } else {
      const std::string path = url.substr(0, url.find_first_of("?#"));
      content_type = content_type_for_filename(path.substr(path.rfind('/') + 1));
      if (content_type.empty()) content_type = "image/jpeg";
      if (!is_image_type(content_type))
        fields::invalid("url", "url must point to a JPEG, PNG, WebP or GIF image");
      id = sha256_hex("url:" + url);
      if (!call.dry_run) store->media[id] = StoredMedia{content_type, path.substr(path.rfind('/') + 1), ""};
    }
    return Reply::data(Json{{"storage_path", storage_path(b.id, purpose, id, content_type)},
                            {"public_url", url.starts_with(own) ? url : media_url(call, id)},
                            {"source_url", url},
                            {"content_type", content_type},
                            {"purpose", purpose},
                            {"bundle_id", b.id}});
  });
}

Json presign(Call& call, UploadStore& store, bool video) {
  const Json& body = fields::object_body(call);
  if (video) fields::reject_unknown(body, {"filename", "content_type", "bundle_id"});
  else fields::reject_unknown(body, {"filename", "content_type", "bundle_id", "purpose"});
  const std::string filename = fields::req_string(body, "filename", 255);
  std::string content_type = video ? fields::opt_string(body, "content_type", 100).value_or("")
                                   : fields::req_string(body, "content_type", 100);
  if (content_type.empty()) content_type = content_type_for_filename(filename);
  if (content_type.empty()) content_type = "video/mp4";
  if (video && !is_video_type(content_type)) fields::invalid("content_type", "content_type must be a video type");
  if (!video && !is_image_type(content_type))
    fields::invalid("content_type", "content_type must be image/jpeg, image/png, image/webp or image/gif");
  Bundle& b = owned_bundle(call.world, *call.tenant, fields::req_string(body, "bundle_id", 100));
  const std::string purpose = video ? "" : purpose_of(fields::opt_string(body, "purpose", 50));

  const std::string media_id = call.world.random_hex(64);
  const std::string token = call.world.random_hex(48);
  const std::string upload_url = base_url(call) + "/__sim/upload/" + token;
  const auto expires_real = std::chrono::steady_clock::now() + kPresignedLifetime;
  if (!call.dry_run) store.presigned[token] = PresignedUpload{media_id, content_type, expires_real};
  Json out = {{"upload_url", upload_url},
              {"method", "PUT"},
              {"headers", {{"Content-Type", content_type}}},
              {"public_url", media_url(call, media_id)},
              {"filename", filename},
              {"content_type", content_type},
              {"expires_at", iso8601(Clock::now() + kPresignedLifetime)},
              {"bundle_id", b.id}};
  if (!video) {
    out["storage_path"] = storage_path(b.id, purpose, media_id, content_type);
    out["purpose"] = purpose;
  }
  return out;
}

void register_presigned(Router& router, const StorePtr& store) {
  router.post("/upload/video", [store](Call& call) { return Reply::data(presign(call, *store, true)); },
              IdempotencyPolicy::reject_sensitive);
  router.post("/upload/image", [store](Call& call) { return Reply::data(presign(call, *store, false)); },
              IdempotencyPolicy::reject_sensitive);

  router.control("PUT", "/__sim/upload/{token}", [store](Call& call) {
    auto it = store->presigned.find(call.param("token"));
    if (it == store->presigned.end())
      return Reply::error(403, "UPLOAD_URL_INVALID", "Unknown upload URL");
    if (std::chrono::steady_clock::now() > it->second.expires)
      return Reply::error(403, "UPLOAD_URL_EXPIRED", "This upload URL has expired; request a new one");
    const std::string sent = call.req.get_header_value("Content-Type");
    if (sent != it->second.content_type)
      return Reply::error(403, "UPLOAD_CONTENT_TYPE_MISMATCH",
                          "Content-Type must be the one given when the upload URL was created",
                          Json{{"expected", it->second.content_type}, {"got", sent}});
    const bool video = is_video_type(it->second.content_type);
    const std::size_t max = video ? kMaxVideoBytes : kMaxImageBytes;
    if (call.req.body.empty() || call.req.body.size() > max)
      return Reply::error(400, "VALIDATION_ERROR", "Body must hold the file (1 byte to the size limit)",
                          Json{{"max_bytes", max}});
    store->media[it->second.media_id] = StoredMedia{it->second.content_type, "", call.req.body};
    Reply r;
    r.raw = "";
    r.headers.emplace_back("ETag", "\"" + sha256_hex(call.req.body).substr(0, 32) + "\"");
    return r;
  });

  router.control("GET", "/__sim/media/{id}", [store](Call& call) {
    auto it = store->media.find(call.param("id"));
    if (it == store->media.end() || it->second.bytes.empty())
      return Reply::error(404, "MEDIA_NOT_FOUND", "No media stored under this URL");
    Reply r;
    r.raw = it->second.bytes;
    r.content_type = it->second.content_type;
    return r;
  });
}

}  // namespace

void register_upload_routes(Router& router, World&, ServerHooks&) {
  auto store = std::make_shared<UploadStore>();
  register_direct(router, store);
  register_presigned(router, store);
}

}  // namespace ugc::sim
