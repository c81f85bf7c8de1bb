#include "tests/support/doc_examples.hpp"

#include <cctype>
#include <fstream>

namespace atlas::tests::support {
namespace {

std::string Slug(const std::string& heading) {
  std::string out;
  for (const char c : heading) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  return out;
}

}  // namespace

std::vector<DocExample> LoadHclExamples(const std::string& path) {
  std::vector<DocExample> out;
  std::ifstream in(path);
  std::string line;
  std::string heading = "intro";
  int n = 0;
  bool inside = false;
  DocExample cur;
  while (std::getline(in, line)) {
    ++n;
    if (!inside && line.rfind("## ", 0) == 0) {
      heading = Slug(line.substr(3));
    } else if (!inside && line == "```hcl") {
      inside = true;
      cur = DocExample{heading, "", n};
    } else if (inside && line == "```") {
      inside = false;
      int same = 0;
      for (const auto& e : out) {
        same += e.name.rfind(heading, 0) == 0 ? 1 : 0;
      }
      if (same > 0) {
        cur.name += "_" + std::to_string(same + 1);
      }
      out.push_back(cur);
    } else if (inside) {
      cur.hcl += line + "\n";
    }
  }
  return out;
}

}  // namespace atlas::tests::support
