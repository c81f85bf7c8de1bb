#pragma once
// Path: a location inside a value, as Terraform's AttributePath: steps of attribute name (object
// attribute or block type), integer index (list/tuple element) or string key (map element / MAP
// block label). Set elements cannot be addressed; paths stop at the set.
// Plain value; thread-compatible.

#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace atlas::provider::tfvalue {

struct PathStep {
  enum class Kind { kAttribute, kIndex, kKey };

  Kind kind = Kind::kAttribute;
  std::string name;   // kAttribute: attribute name; kKey: map key
  int64_t index = 0;  // kIndex

  static PathStep Attribute(std::string name) { return {Kind::kAttribute, std::move(name), 0}; }
  static PathStep Index(int64_t index) { return {Kind::kIndex, {}, index}; }
  static PathStep Key(std::string key) { return {Kind::kKey, std::move(key), 0}; }

  bool operator==(const PathStep&) const = default;
  auto operator<=>(const PathStep&) const = default;
};

class Path {
 public:
  Path() = default;
  explicit Path(std::vector<PathStep> steps) : steps_(std::move(steps)) {}
  // Path of one attribute step: Path::Root("hcl").
  static Path Root(std::string attribute) { return Path().Attribute(std::move(attribute)); }

  // Builders return a new path with one more step: Path::Root("rule").Index(0).Attribute("name").
  Path Attribute(std::string name) const;
  Path Index(int64_t index) const;
  Path Key(std::string key) const;
  Path Append(const PathStep& step) const;
  Path Parent() const;  // empty path stays empty

  const std::vector<PathStep>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  size_t size() const { return steps_.size(); }
  // True when `prefix` equals the first steps of this path (a path is a prefix of itself).
  bool HasPrefix(const Path& prefix) const;

  // HCL-like text: rule[0].name, tags["env"]. Empty path is "".
  std::string ToString() const;

  bool operator==(const Path&) const = default;
  auto operator<=>(const Path&) const = default;

 private:
  std::vector<PathStep> steps_;
};

}  // namespace atlas::provider::tfvalue
