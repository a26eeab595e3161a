// Media uploads (docs/tokportal-api.md §7) over loopback HTTP: direct multipart,
// presigned PUT, from-url; the returned public URLs are served by the simulator.
#include <doctest/doctest.h>

#include "lifecycle_fixture.hpp"

using lifetest::body_of;
using lifetest::error_code;
using lifetest::Json;
using lifetest::Sim;

namespace {

std::string new_bundle(Sim& s) {
  auto r = s.post("/bundles", Json{{"bundle_type", "account_only"}, {"platform", "tiktok"}, {"country", "USA"}});
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status / 100 == 2, r->body);
  Json d = body_of(r)["data"];
  return d.contains("id") ? d["id"].get<std::string>() : d["bundle_id"].get<std::string>();
}

httplib::Result multipart(Sim& s, const std::string& path, const httplib::MultipartFormDataItems& items,
                          const std::string& key = lifetest::kKey) {
  return s.client->Post(Sim::api(path).c_str(), s.headers(key), items);
}

// The path part of a URL the simulator returned ("http://127.0.0.1:N/__sim/media/x" -> "/__sim/media/x").
std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  REQUIRE(scheme != std::string::npos);
  return url.substr(url.find('/', scheme + 3));
}

}  // namespace

TEST_CASE("direct video upload returns a public_url the simulator serves") {
  Sim s;
  const std::string bundle = new_bundle(s);
  const std::string bytes = std::string("\x00\x00\x00\x18" "ftypmp42", 12) + std::string(1000, 'v');
  auto r = multipart(s, "/upload/video/direct",
                     {{"file", bytes, "clip.mp4", "video/mp4"}, {"bundle_id", bundle, "", ""}});
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  Json d = body_of(r)["data"];
  CHECK(d["filename"] == "clip.mp4");
  CHECK(d["size_bytes"] == bytes.size());
  CHECK(d["content_type"] == "video/mp4");
  const std::string url = d["public_url"];
  CHECK(url.starts_with("http://127.0.0.1:" + std::to_string(s.server.port()) + "/__sim/media/"));
  auto media = s.client->Get(path_of(url).c_str());
  REQUIRE(media);
  CHECK(media->status == 200);
  CHECK(media->body == bytes);
  CHECK(media->get_header_value("Content-Type") == "video/mp4");

  // The same bytes give the same URL (content-addressed).
  r = multipart(s, "/upload/video/direct", {{"file", bytes, "again.mp4", "video/mp4"}, {"bundle_id", bundle, "", ""}});
  CHECK(body_of(r)["data"]["public_url"] == url);
}

TEST_CASE("direct uploads: documented errors") {
  Sim s;
  const std::string bundle = new_bundle(s);
  auto r = multipart(s, "/upload/video/direct", {{"bundle_id", bundle, "", ""}});
  CHECK(r->status == 400);
  CHECK(error_code(r) == "VALIDATION_ERROR");
  r = multipart(s, "/upload/video/direct", {{"file", "xx", "clip.mp4", "video/mp4"}});
  CHECK(error_code(r) == "VALIDATION_ERROR");
  r = multipart(s, "/upload/video/direct", {{"file", "xx", "notes.txt", "text/plain"}, {"bundle_id", bundle, "", ""}});
  CHECK(error_code(r) == "VALIDATION_ERROR");
  r = multipart(s, "/upload/video/direct",
                {{"file", "xx", "clip.mp4", "video/mp4"}, {"bundle_id", "00000000-0000-4000-8000-000000000000", "", ""}});
  CHECK(r->status == 404);
  CHECK(error_code(r) == "BUNDLE_NOT_FOUND");
  r = multipart(s, "/upload/video/direct", {{"file", "xx", "clip.mp4", "video/mp4"}, {"bundle_id", bundle, "", ""}},
                lifetest::kOtherKey);
  CHECK(r->status == 403);
  CHECK(error_code(r) == "BUNDLE_NOT_OWNED");
  r = multipart(s, "/upload/image/direct",
                {{"file", "png", "a.png", "image/png"}, {"bundle_id", bundle, "", ""}, {"purpose", "banner", "", ""}});
  CHECK(r->status == 400);
  CHECK(body_of(r)["error"]["details"]["field"] == "purpose");
}

TEST_CASE("direct image upload returns storage_path by purpose") {
  Sim s;
  const std::string bundle = new_bundle(s);
  auto r = multipart(s, "/upload/image/direct",
                     {{"file", "\x89PNG....", "logo.png", "image/png"}, {"bundle_id", bundle, "", ""},
                      {"purpose", "profile_picture", "", ""}});
  REQUIRE_MESSAGE(r->status == 200, r->body);
  Json d = body_of(r)["data"];
  CHECK(d["purpose"] == "profile_picture");
  CHECK(d["storage_path"].get<std::string>().find("/profile_picture/") != std::string::npos);
  CHECK(d["storage_path"].get<std::string>().ends_with(".png"));
  CHECK(s.client->Get(path_of(d["public_url"]).c_str())->body == "\x89PNG....");

  r = multipart(s, "/upload/image/direct", {{"file", "gif89a", "a.gif", ""}, {"bundle_id", bundle, "", ""}});
  REQUIRE(r->status == 200);
  CHECK(body_of(r)["data"]["purpose"] == "carousel");  // default
  CHECK(body_of(r)["data"]["content_type"] == "image/gif");  // from the file name
}

TEST_CASE("presigned video upload: upload_url accepts a PUT, then public_url serves the bytes") {
  Sim s;
  const std::string bundle = new_bundle(s);
  auto r = s.post("/upload/video", Json{{"filename", "big.mp4"}, {"content_type", "video/mp4"}, {"bundle_id", bundle}});
  REQUIRE_MESSAGE(r->status == 200, r->body);
  Json d = body_of(r)["data"];
  const std::string upload = path_of(d["upload_url"]);
  const std::string media = path_of(d["public_url"]);
  CHECK(s.client->Get(media.c_str())->status == 404);  // nothing uploaded yet

  auto put = s.client->Put(upload.c_str(), "wrong type", "video/quicktime");
  CHECK(put->status == 403);
  put = s.client->Put(upload.c_str(), std::string(5000, 'm'), "video/mp4");
  REQUIRE(put);
  CHECK(put->status == 200);
  auto got = s.client->Get(media.c_str());
  CHECK(got->status == 200);
  CHECK(got->body == std::string(5000, 'm'));

  CHECK(s.client->Put("/__sim/upload/not-a-token", "x", "video/mp4")->status == 403);
}

TEST_CASE("presigned uploads: sensitive (no Idempotency-Key) and validated") {
  Sim s;
  const std::string bundle = new_bundle(s);
  auto headers = s.headers();
  headers.emplace("Idempotency-Key", "abc");
  for (const char* path : {"/api/ext/upload/video", "/api/ext/upload/image"}) {
    auto r = s.client->Post(path, headers,
                            Json{{"filename", "a.png"}, {"content_type", "image/png"}, {"bundle_id", bundle}}.dump(),
                            "application/json");
    CHECK(r->status == 400);
    CHECK(error_code(r) == "IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE");
  }
  CHECK(error_code(s.post("/upload/video", Json{{"bundle_id", bundle}})) == "VALIDATION_ERROR");
  CHECK(error_code(s.post("/upload/image", Json{{"filename", "a.png"}, {"bundle_id", bundle}})) == "VALIDATION_ERROR");
  CHECK(error_code(s.post("/upload/image", Json{{"filename", "a.bmp"}, {"content_type", "image/bmp"}, {"bundle_id", bundle}})) ==
        "VALIDATION_ERROR");
  CHECK(error_code(s.post("/upload/video", Json{{"filename", "a.mp4"}, {"bundle_id", "nope"}})) == "BUNDLE_NOT_FOUND");
  CHECK(error_code(s.post("/upload/video", Json{{"filename", "a.mp4"}, {"bundle_id", bundle}, {"x", 1}})) == "UNKNOWN_FIELD");

  auto r = s.post("/upload/image", Json{{"filename", "pp.jpg"}, {"content_type", "image/jpeg"}, {"bundle_id", bundle},
                                        {"purpose", "profile_picture"}});
  REQUIRE(r->status == 200);
  Json d = body_of(r)["data"];
  CHECK(d["storage_path"].get<std::string>().find("/profile_picture/") != std::string::npos);
  CHECK(s.client->Put(path_of(d["upload_url"]).c_str(), "jpeg-bytes", "image/jpeg")->status == 200);
  CHECK(s.client->Get(path_of(d["public_url"]).c_str())->body == "jpeg-bytes");
}

TEST_CASE("image from URL returns a storage_path, bad URLs are refused") {
  Sim s;
  const std::string bundle = new_bundle(s);
  auto r = s.post("/upload/image/from-url",
                  Json{{"url", "https://cdn.example.com/logo.png?v=2"}, {"bundle_id", bundle}, {"purpose", "profile_picture"}});
  REQUIRE_MESSAGE(r->status == 200, r->body);
  Json d = body_of(r)["data"];
  CHECK(d["storage_path"].get<std::string>().ends_with(".png"));
  CHECK(d["public_url"].is_string());
  CHECK(d["purpose"] == "profile_picture");

  CHECK(error_code(s.post("/upload/image/from-url", Json{{"url", "ftp://x/y.png"}, {"bundle_id", bundle}})) ==
        "VALIDATION_ERROR");
  CHECK(error_code(s.post("/upload/image/from-url", Json{{"url", "https://x.example/clip.mp4"}, {"bundle_id", bundle}})) ==
        "VALIDATION_ERROR");
  CHECK(error_code(s.post("/upload/image/from-url", Json{{"bundle_id", bundle}})) == "VALIDATION_ERROR");
  CHECK(error_code(s.post("/upload/image/from-url", Json{{"url", "https://x.example/a.png"}, {"bundle_id", "nope"}})) ==
        "BUNDLE_NOT_FOUND");
}
