#include "tests/acceptance/temp_dir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

namespace atlas::tests::acceptance {

std::filesystem::path DefaultTempBase() {
  const char* tmp = std::getenv("TMPDIR");  // NOLINT(concurrency-mt-unsafe): read-only env in tests
  if (tmp != nullptr && *tmp != '\0') {
    return tmp;
  }
  return "/tmp";
}

TempDir::TempDir(std::string_view prefix) : TempDir(DefaultTempBase(), prefix) {}

TempDir::TempDir(const std::filesystem::path& base, std::string_view prefix) {
  std::string pattern = (base / std::string(prefix)).string() + "XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    throw std::system_error(errno, std::system_category(), "mkdtemp " + pattern);
  }
  path_ = buf.data();
}

TempDir::~TempDir() { Remove(); }

TempDir::TempDir(TempDir&& other) noexcept
    : path_(std::exchange(other.path_, {})), keep_(other.keep_) {}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::exchange(other.path_, {});
    keep_ = other.keep_;
  }
  return *this;
}

std::filesystem::path TempDir::WriteFile(const std::filesystem::path& relative,
                                         std::string_view content) const {
  std::filesystem::path full = path_ / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + full.string());
  }
  return full;
}

void TempDir::Remove() noexcept {
  if (path_.empty() || keep_) {
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
  path_.clear();
}

}  // namespace atlas::tests::acceptance
