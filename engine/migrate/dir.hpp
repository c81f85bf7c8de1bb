#pragma once
// A migration directory in Atlas's format: files `<version>[_<name>].sql` ordered lexicographically
// by name, and `atlas.sum` (Atlas's `HashFile`): one running SHA-256 over every file's name and
// bytes; each file's hash is the standard base64 of the digest so far; the directory sum is the
// SHA-256 over every "name + hash" pair. Plain values and pure functions over the filesystem;
// thread-compatible.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::engine::migrate {

inline constexpr std::string_view kHashFileName = "atlas.sum";

// One migration file.
struct File {
  std::string name;   // "20240101000000_init.sql"
  std::string bytes;  // raw content

  // The part of the name before the first '_' (or before ".sql").
  std::string Version() const;
  // The part after the first '_', without ".sql"; "" when the name has none.
  std::string Description() const;
};

// `atlas.sum`: the directory sum and one (file name, hash) pair per file, hashes without "h1:".
struct HashFile {
  std::string sum;
  std::vector<std::pair<std::string, std::string>> files;

  // Atlas's text: "h1:<sum>\n" then "<name> h1:<hash>\n" per file.
  std::string Text() const;
  // The hash recorded for `name`, "" when absent.
  std::string HashOf(std::string_view name) const;
};

// Computes the hash file of `files` (taken in the given order) with Atlas's algorithm. A file whose
// leading comment block holds `-- atlas:sum ignore` contributes its name only.
HashFile ComputeHashFile(const std::vector<File>& files);
// Parses atlas.sum text. Errors name `filename`.
base::Result<HashFile> ParseHashFile(std::string_view text, std::string_view filename = kHashFileName);

// A local migration directory read into memory.
struct Dir {
  std::string path;                  // as given (used in messages)
  std::vector<File> files;           // *.sql, sorted by name
  std::optional<std::string> sum;    // atlas.sum content, nullopt when the file is missing

  // The version of the last file, "" when the directory has no file.
  std::string LatestVersion() const;
  // The files up to and including `version` (Atlas's "chunked" directory); all when empty.
  std::vector<File> FilesUpTo(std::string_view version) const;
};

// Reads `path` (a directory). Missing or unreadable directories are errors naming the path.
base::Result<Dir> ReadDir(const std::string& path);

// Atlas's `migrate.Validate`: atlas.sum must exist and match the files. The error names each file
// whose hash differs, is missing from atlas.sum or is listed but absent, and tells to run
// `atlas migrate hash`.
base::Status Validate(const Dir& dir);

// Writes atlas.sum for the directory's current files (`atlas migrate hash`).
base::Status WriteHashFile(const Dir& dir);

}  // namespace atlas::engine::migrate
