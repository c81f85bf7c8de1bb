#include "provider/tfvalue/path.hpp"

#include "provider/tfvalue/json_text.hpp"

namespace atlas::provider::tfvalue {

Path Path::Attribute(std::string name) const {
  return Append(PathStep::Attribute(std::move(name)));
}

Path Path::Index(int64_t index) const {
  return Append(PathStep::Index(index));
}

Path Path::Key(std::string key) const {
  return Append(PathStep::Key(std::move(key)));
}

Path Path::Append(const PathStep& step) const {
  Path out = *this;
  out.steps_.push_back(step);
  return out;
}

Path Path::Parent() const {
  Path out = *this;
  if (!out.steps_.empty()) {
    out.steps_.pop_back();
  }
  return out;
}

bool Path::HasPrefix(const Path& prefix) const {
  if (prefix.steps_.size() > steps_.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.steps_.size(); ++i) {
    if (!(steps_[i] == prefix.steps_[i])) {
      return false;
    }
  }
  return true;
}

std::string Path::ToString() const {
  std::string out;
  for (const auto& step : steps_) {
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        if (!out.empty()) {
          out += '.';
        }
        out += step.name;
        break;
      case PathStep::Kind::kIndex:
        out += '[' + std::to_string(step.index) + ']';
        break;
      case PathStep::Kind::kKey:
        out += '[' + detail::QuoteJsonString(step.name) + ']';
        break;
    }
  }
  return out;
}

}  // namespace atlas::provider::tfvalue
