#pragma once
// A real headless Chromium (Debian's `chromium`, installed by
// scripts/setup.sh) opening a local HTML file: the DOM after scripts ran, a
// PNG screenshot, and every console message the page itself logged (script
// errors, blocked or failed loads, Content-Security-Policy violations).
// Messages of Chromium's own pages and its D-Bus noise are not the page's
// and are left out.
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace ugc::analytics::testing {

// The chromium executable on PATH; empty when there is none.
inline std::string find_chromium() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');)
    for (const char* name : {"chromium", "chromium-browser"}) {
      std::filesystem::path candidate = std::filesystem::path(dir) / name;
      std::error_code ec;
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    }
  return {};
}

struct BrowserRun {
  ugc::testing::RunResult process;
  std::string dom;                        // --dump-dom: the document after its scripts ran
  std::vector<std::string> page_console;  // console lines whose source is the page
};

// Opens `html_path` at `width` x `height` CSS pixels, screenshots it to
// `png_path`. `profile_dir` must be a fresh directory (a run's profile).
inline BrowserRun open_in_chromium(const std::string& chromium, const std::string& html_path,
                                   const std::string& png_path, int width, int height, const std::string& profile_dir) {
  const std::string url = "file://" + std::filesystem::absolute(html_path).string();
  BrowserRun run;
  run.process = ugc::testing::run_process(
      {chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
       "--disable-extensions", "--disable-component-update", "--disable-background-networking", "--disable-sync",
       "--disable-default-apps", "--user-data-dir=" + profile_dir, "--enable-logging=stderr", "--v=0",
       "--window-size=" + std::to_string(width) + "," + std::to_string(height), "--screenshot=" + png_path,
       "--dump-dom", url});
  run.dom = run.process.out;
  std::stringstream lines(run.process.err);
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos && line.find(url) != std::string::npos)
      run.page_console.push_back(line);
  return run;
}

// Width and height from a PNG's IHDR; {0, 0} when `bytes` is not a PNG.
inline std::pair<unsigned, unsigned> png_size(const std::string& bytes) {
  if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || bytes.compare(12, 4, "IHDR") != 0)
    return {0, 0};
  auto be32 = [&bytes](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

}  // namespace ugc::analytics::testing
