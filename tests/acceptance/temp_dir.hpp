#pragma once
// TempDir: a uniquely named directory under $TMPDIR (or /tmp) that is removed recursively when the
// owner goes away. Each test owns its own. Move-only; not thread-safe.

#include <filesystem>
#include <string>
#include <string_view>

namespace atlas::tests::acceptance {

class TempDir {
 public:
  // Creates "<base>/<prefix>XXXXXX" (mode 0700). base = $TMPDIR, else /tmp.
  explicit TempDir(std::string_view prefix = "atlas-acc-");
  // Same, under an explicit base directory.
  TempDir(const std::filesystem::path& base, std::string_view prefix);
  ~TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `content` to path()/relative (creating parent directories) and returns the full path.
  std::filesystem::path WriteFile(const std::filesystem::path& relative, std::string_view content) const;
  // Keeps the directory on disk after destruction (for debugging a failing test).
  void Keep() { keep_ = true; }

 private:
  void Remove() noexcept;

  std::filesystem::path path_;
  bool keep_ = false;
};

// $TMPDIR when set and non-empty, else /tmp.
std::filesystem::path DefaultTempBase();

}  // namespace atlas::tests::acceptance
