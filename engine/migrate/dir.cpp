#include "engine/migrate/dir.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "engine/base/hash.hpp"

namespace atlas::engine::migrate {

namespace {

namespace fs = std::filesystem;

std::string_view Stem(std::string_view name) {
  if (name.size() >= 4 && name.substr(name.size() - 4) == ".sql") {
    name.remove_suffix(4);
  }
  return name;
}

// True when the leading comment block of `bytes` holds `-- atlas:sum ignore`.
bool SumIgnored(std::string_view bytes) {
  size_t at = 0;
  while (at < bytes.size()) {
    size_t nl = bytes.find('\n', at);
    if (nl == std::string_view::npos) {
      nl = bytes.size();
    }
    std::string_view line = bytes.substr(at, nl - at);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    if (line.substr(0, 2) != "--") {
      return false;
    }
    if (line == "-- atlas:sum ignore") {
      return true;
    }
    at = nl + 1;
  }
  return false;
}

std::string DirSum(const std::vector<std::pair<std::string, std::string>>& files) {
  base::Sha256Hasher h;
  for (const auto& [name, hash] : files) {
    h.Write(name);
    h.Write(hash);
  }
  return base::Base64Std(h.Sum());
}

const char* const kHashHint =
    "You have a checksum error in your migration directory.\n"
    "This happens if you manually create or edit a migration file.\n"
    "Please check your migration files and run\n\n"
    "'atlas migrate hash'\n\n"
    "to re-hash the contents and resolve the error";

}  // namespace

std::string File::Version() const {
  const std::string_view stem = Stem(name);
  return std::string(stem.substr(0, stem.find('_')));
}

std::string File::Description() const {
  const std::string_view stem = Stem(name);
  const size_t us = stem.find('_');
  return us == std::string_view::npos ? std::string() : std::string(stem.substr(us + 1));
}

std::string HashFile::Text() const {
  std::string out = "h1:" + sum + "\n";
  for (const auto& [name, hash] : files) {
    out += name + " h1:" + hash + "\n";
  }
  return out;
}

std::string HashFile::HashOf(std::string_view name) const {
  for (const auto& [n, h] : files) {
    if (n == name) {
      return h;
    }
  }
  return {};
}

HashFile ComputeHashFile(const std::vector<File>& files) {
  HashFile out;
  base::Sha256Hasher h;
  for (const auto& f : files) {
    h.Write(f.name);
    if (SumIgnored(f.bytes)) {
      continue;
    }
    h.Write(f.bytes);
    out.files.emplace_back(f.name, base::Base64Std(h.Sum()));
  }
  out.sum = DirSum(out.files);
  return out;
}

base::Result<HashFile> ParseHashFile(std::string_view text, std::string_view filename) {
  HashFile out;
  size_t at = 0;
  int line_no = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) {
      nl = text.size();
    }
    std::string_view line = text.substr(at, nl - at);
    at = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    if (line_no == 1) {
      if (line.substr(0, 3) != "h1:") {
        return base::Error("Invalid atlas.sum",
                           fmt::format("{}:1: expected \"h1:<sum>\", got {:?}", filename, line));
      }
      out.sum = std::string(line.substr(3));
      continue;
    }
    const size_t sp = line.rfind(" h1:");
    if (sp == std::string_view::npos) {
      return base::Error("Invalid atlas.sum", fmt::format("{}:{}: expected \"<file> h1:<hash>\", got {:?}",
                                                          filename, line_no, line));
    }
    out.files.emplace_back(std::string(line.substr(0, sp)), std::string(line.substr(sp + 4)));
  }
  if (line_no == 0) {
    return base::Error("Invalid atlas.sum", fmt::format("{} is empty", filename));
  }
  return out;
}

std::string Dir::LatestVersion() const { return files.empty() ? std::string() : files.back().Version(); }

std::vector<File> Dir::FilesUpTo(std::string_view version) const {
  if (version.empty()) {
    return files;
  }
  std::vector<File> out;
  for (const auto& f : files) {
    if (f.Version() > version) {
      break;
    }
    out.push_back(f);
  }
  return out;
}

base::Result<Dir> ReadDir(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    return base::Error("Invalid migration directory",
                       fmt::format("sql/migrate: stat {}: no such directory", path));
  }
  Dir dir;
  dir.path = path;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.size() < 4 || name.substr(name.size() - 4) != ".sql") {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) {
      return base::Error("Invalid migration directory", fmt::format("reading {}: failed", entry.path().string()));
    }
    dir.files.push_back(File{name, ss.str()});
  }
  if (ec) {
    return base::Error("Invalid migration directory", fmt::format("reading {}: {}", path, ec.message()));
  }
  std::sort(dir.files.begin(), dir.files.end(), [](const File& a, const File& b) { return a.name < b.name; });
  const fs::path sum_path = fs::path(path) / kHashFileName;
  if (fs::is_regular_file(sum_path, ec)) {
    std::ifstream in(sum_path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    dir.sum = ss.str();
  }
  return dir;
}

base::Status Validate(const Dir& dir) {
  if (!dir.sum) {
    if (dir.files.empty()) {
      return base::Status::Ok();
    }
    return base::Error("checksum file not found",
                       fmt::format("{}: the migration directory {} has no atlas.sum. Run 'atlas migrate hash' to "
                                   "create it",
                                   kHashFileName, dir.path));
  }
  auto recorded = ParseHashFile(*dir.sum, (fs::path(dir.path) / kHashFileName).string());
  if (!recorded.ok()) {
    return std::move(recorded).diags();
  }
  const HashFile actual = ComputeHashFile(dir.files);
  if (recorded->sum == actual.sum && recorded->files == actual.files) {
    return base::Status::Ok();
  }
  std::vector<std::string> problems;
  for (const auto& [name, hash] : actual.files) {
    const std::string want = recorded->HashOf(name);
    if (want.empty()) {
      problems.push_back(fmt::format("file {} is not listed in atlas.sum", name));
    } else if (want != hash) {
      problems.push_back(fmt::format("file {} does not match its hash in atlas.sum", name));
    }
  }
  for (const auto& [name, hash] : recorded->files) {
    if (actual.HashOf(name).empty()) {
      problems.push_back(fmt::format("file {} is listed in atlas.sum but does not exist", name));
    }
  }
  if (problems.empty()) {
    problems.emplace_back("the directory sum in atlas.sum does not match");
  }
  std::string detail;
  for (const auto& p : problems) {
    detail += p + "\n";
  }
  detail += kHashHint;
  return base::Error("checksum mismatch", fmt::format("{}: {}", dir.path, detail));
}

base::Status WriteHashFile(const Dir& dir) {
  const fs::path p = fs::path(dir.path) / kHashFileName;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << ComputeHashFile(dir.files).Text();
  out.close();
  if (!out) {
    return base::Error("Cannot write atlas.sum", fmt::format("writing {} failed", p.string()));
  }
  return base::Status::Ok();
}

}  // namespace atlas::engine::migrate
