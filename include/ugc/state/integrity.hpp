#pragma once
// State integrity: every open of an existing state file runs SQLite's
// `PRAGMA quick_check` (every page of every table and index is read and its
// b-tree structure checked, O(file size)) and refuses a damaged file before
// anything reads from or writes to it, so a damaged file stays byte-identical.
// Only `ugc state check` and `--repair` open a damaged file on purpose
// (OpenMode::verify_integrity = false).
//
// A pending -wal file is checked too (wal_check.cpp): SQLite silently drops WAL
// frames whose checksum fails, which would lose committed changes.
#include <functional>
#include <string>
#include <vector>

#include "ugc/core/result.hpp"

namespace ugc::state {

// What to do about a damaged state file at `path`: the check and repair
// commands and where the automatic backups are.
std::string damage_advice(const std::string& path);

// The error every command gets for a damaged file: names the file, SQLite's
// first findings and damage_advice().
Error damaged_state(const std::string& path, const std::vector<std::string>& findings);

// Waits before re-reading the -wal file; attempt counts from 0. The default
// sleeps 10 ms << attempt, for a writer to finish its commit.
using WalPause = std::function<void(int attempt)>;
void pause_for_writer(int attempt);

// Findings about the -wal file next to `path`: empty when there is none, its
// committed frames all check out, or a writer kept changing it between reads.
Result<std::vector<std::string>> check_wal_file(const std::string& path, const WalPause& pause = pause_for_writer);

}  // namespace ugc::state
