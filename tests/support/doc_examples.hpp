#pragma once
// The ```hcl examples of a documentation page, for tests that keep docs true (each example is
// applied by the test and must converge). Names come from the `## ` section heading, lower-cased
// with '_' for other characters ("Foreign keys" -> "foreign_keys"); a second example in a section
// gets "_2". Pure function; thread-safe.

#include <ostream>
#include <string>
#include <vector>

namespace atlas::tests::support {

struct DocExample {
  std::string name;
  std::string hcl;
  int line = 0;  // 1-based line of the opening fence
};

inline std::ostream& operator<<(std::ostream& os, const DocExample& e) {
  return os << e.name;
}

// Empty when the file cannot be read.
std::vector<DocExample> LoadHclExamples(const std::string& path);

}  // namespace atlas::tests::support
