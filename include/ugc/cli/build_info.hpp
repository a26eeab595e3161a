#pragma once
// What `ugc --version` reports: the project version and the git commit the
// binary was built from, written at build time (scripts/build_info.cmake).
#include <string>

namespace ugc::cli {

const char* build_version();  // "0.1.0"
const char* build_commit();   // "0ea3cda12345", "...-dirty", or "unknown" outside a git checkout

// "ugc 0.1.0 (commit 0ea3cda12345)"
std::string version_line();

}  // namespace ugc::cli
