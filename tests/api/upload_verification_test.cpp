// Uploads check the bytes they send against the hash the plan showed: read
// once, hashed as read, and aborted before the body ends when the hash
// differs, so the server never receives a complete request. Real HTTP on
// 127.0.0.1 (CurlTransport against cpp-httplib).
#include <doctest/doctest.h>

#include <fstream>

#include "api/loopback_server.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "ugc/api/client.hpp"
#include "ugc/api/curl_transport.hpp"
#include "ugc/api/idempotency.hpp"
#include "ugc/api/uploads.hpp"
#include "ugc/core/hash.hpp"

using namespace std::chrono_literals;

namespace {

std::shared_ptr<ugc::api::Client> verifying_client(const std::string& base_url) {
  ugc::api::ClientOptions o;
  o.base_url = base_url;
  o.api_key = "sk_verify_0123456789abcdef";
  o.retry.base_delay = 5ms;
  o.retry.max_delay = 50ms;
  return std::make_shared<ugc::api::Client>(
      o, std::make_shared<ugc::api::CurlTransport>(ugc::api::CurlOptions{2s, "ugc/test"}),
      std::make_shared<ugc::testing::FakeClock>());
}

// A video large enough to go out in many chunks (libcurl reads 64 KiB at a time at most).
std::string video_bytes(char fill) {
  std::string bytes(std::string("\0\0\0\x18" "ftypmp42", 12));
  bytes.resize(600 * 1024, fill);
  return bytes;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("loopback: a direct upload whose bytes no longer match the planned hash never reaches the server whole") {
  ugc::api::test::LoopbackServer server;
  std::string received;
  int handled = 0;  // requests whose body arrived whole (the server's pre-routing log sees headers only)
  server.routes().Post("/upload/video/direct", [&](const httplib::Request& req, httplib::Response& res) {
    ++handled;
    received = req.get_file_value("file").content;
    res.status = 201;
    res.set_content(R"({"data":{"public_url":"https://cdn.test/v.mp4"}})", "application/json");
  });
  auto client = verifying_client(server.start());
  ugc::testing::TempDir dir;
  const std::string file = dir.file("clip.mp4");
  const std::string planned = video_bytes('a');
  const std::string planned_sha = ugc::sha256_hex(planned);

  write_bytes(file, planned);
  ugc::api::Request ok = ugc::api::to_request(ugc::api::VideoUploadRequest{"b-1", file, planned_sha});
  ok.idempotency_key = ugc::api::idempotency_key("c", "upload#0", ugc::Json(planned_sha));
  auto sent = client->request(ok);
  REQUIRE_MESSAGE(sent.ok(), sent.error().message());
  CHECK(received == planned);

  const std::string swapped = video_bytes('b');
  write_bytes(file, swapped);
  auto refused = client->request(ok);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code() == ugc::api::kFileChanged);
  CHECK(refused.error().kind() == ugc::ErrorKind::conflict);
  const std::string& message = refused.error().message();
  CHECK(message.find(file) != std::string::npos);
  CHECK(message.find(planned_sha) != std::string::npos);
  CHECK(message.find(ugc::sha256_hex(swapped)) != std::string::npos);
  CHECK(handled == 1);  // not received whole, and not retried
  CHECK(received == planned);
}

TEST_CASE("loopback: a presigned PUT of a file changed since the plan is aborted before the storage gets it") {
  ugc::api::test::LoopbackServer server;
  const std::string base = server.start();
  int puts = 0;
  std::string stored;
  server.routes().Post("/upload/video", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(ugc::Json{{"data", {{"upload_url", base + "/storage/v.mp4?sig=s3cr3t"},
                                        {"public_url", "https://cdn.test/v.mp4"}}}}
                        .dump(),
                    "application/json");
  });
  server.routes().Put("/storage/v.mp4", [&](const httplib::Request& req, httplib::Response& res) {
    ++puts;
    stored = req.body;
    res.status = 200;
  });
  auto client = verifying_client(base);
  ugc::testing::TempDir dir;
  const std::string file = dir.file("big.mp4");
  const std::string planned = video_bytes('p');
  write_bytes(file, planned);
  auto uploaded = ugc::api::upload_video_presigned(*client, "b-1", file, ugc::sha256_hex(planned));
  REQUIRE_MESSAGE(uploaded.ok(), uploaded.error().message());
  CHECK(stored == planned);
  CHECK(puts == 1);

  write_bytes(file, video_bytes('q'));
  auto refused = ugc::api::upload_video_presigned(*client, "b-1", file, ugc::sha256_hex(planned));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code() == ugc::api::kFileChanged);
  CHECK(puts == 1);
  CHECK(stored == planned);
}

TEST_CASE("loopback: an empty file whose planned hash is another fails before anything is sent") {
  ugc::api::test::LoopbackServer server;
  int posts = 0;
  server.routes().Post("/upload/video/direct", [&](const httplib::Request&, httplib::Response& res) {
    ++posts;
    res.status = 201;
    res.set_content(R"({"data":{"public_url":"https://cdn.test/v.mp4"}})", "application/json");
  });
  auto client = verifying_client(server.start());
  ugc::testing::TempDir dir;
  write_bytes(dir.file("empty.mp4"), "");
  ugc::api::Request request =
      ugc::api::to_request(ugc::api::VideoUploadRequest{"b-1", dir.file("empty.mp4"), ugc::sha256_hex("video")});
  request.idempotency_key = "k-empty";
  auto refused = client->request(request);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code() == ugc::api::kFileChanged);
  CHECK(posts == 0);
}
