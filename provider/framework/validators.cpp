#include "provider/framework/validators.hpp"

#include <cmath>
#include <regex>
#include <utility>

#include "provider/tfvalue/json_text.hpp"

namespace atlas::provider::framework {

namespace {

std::string Quote(const std::string& s) {
  return tfvalue::detail::QuoteJsonString(s);
}

class StringOneOfValidator final : public Validator {
 public:
  explicit StringOneOfValidator(std::vector<std::string> values) : values_(std::move(values)) {}

  std::string Description() const override {
    std::string out = "value must be one of: [";
    for (size_t i = 0; i < values_.size(); ++i) {
      if (i > 0) {
        out += ' ';
      }
      out += Quote(values_[i]);
    }
    return out + "]";
  }

  void Validate(const AttributePath& path, const tfvalue::Value& value,
                Diagnostics& diags) const override {
    if (value.type().kind() != tfvalue::Type::Kind::kString) {
      return;
    }
    for (const auto& v : values_) {
      if (v == value.AsString()) {
        return;
      }
    }
    diags.AddAttributeError(
        path, "Invalid Attribute Value Match",
        "Attribute " + path.ToString() + " " + Description() + ", got: " + Quote(value.AsString()));
  }

 private:
  std::vector<std::string> values_;
};

class StringLengthAtLeastValidator final : public Validator {
 public:
  explicit StringLengthAtLeastValidator(size_t min) : min_(min) {}

  std::string Description() const override {
    return "string length must be at least " + std::to_string(min_);
  }

  void Validate(const AttributePath& path, const tfvalue::Value& value,
                Diagnostics& diags) const override {
    if (value.type().kind() != tfvalue::Type::Kind::kString) {
      return;
    }
    size_t len = value.AsString().size();
    if (len >= min_) {
      return;
    }
    diags.AddAttributeError(
        path, "Invalid Attribute Value Length",
        "Attribute " + path.ToString() + " " + Description() + ", got: " + std::to_string(len));
  }

 private:
  size_t min_;
};

class StringMatchesRegexValidator final : public Validator {
 public:
  StringMatchesRegexValidator(std::string pattern, std::string message)
      : pattern_(std::move(pattern)),
        regex_(pattern_, std::regex::ECMAScript),
        message_(std::move(message)) {}

  std::string Description() const override {
    if (!message_.empty()) {
      return message_;
    }
    return "value must match regular expression '" + pattern_ + "'";
  }

  void Validate(const AttributePath& path, const tfvalue::Value& value,
                Diagnostics& diags) const override {
    if (value.type().kind() != tfvalue::Type::Kind::kString) {
      return;
    }
    if (std::regex_search(value.AsString(), regex_)) {
      return;
    }
    diags.AddAttributeError(
        path, "Invalid Attribute Value Match",
        "Attribute " + path.ToString() + " " + Description() + ", got: " + value.AsString());
  }

 private:
  std::string pattern_;
  std::regex regex_;
  std::string message_;
};

class StringIsDurationValidator final : public Validator {
 public:
  std::string Description() const override {
    return "must be a string containing a sequence of decimal numbers, each with optional "
           "fraction and a unit suffix, such as \"30s\" or \"2h45m\". Valid time units are "
           "\"s\" (seconds), \"m\" (minutes), \"h\" (hours).";
  }

  void Validate(const AttributePath& path, const tfvalue::Value& value,
                Diagnostics& diags) const override {
    if (value.type().kind() != tfvalue::Type::Kind::kString) {
      return;
    }
    if (ParseGoDuration(value.AsString())) {
      return;
    }
    diags.AddAttributeError(
        path, "Invalid Attribute Value Format",
        "Attribute " + path.ToString() + " " + Description() + ", got: " + value.AsString());
  }
};

}  // namespace

ValidatorPtr StringOneOf(std::vector<std::string> values) {
  return std::make_shared<StringOneOfValidator>(std::move(values));
}

ValidatorPtr StringLengthAtLeast(size_t min) {
  return std::make_shared<StringLengthAtLeastValidator>(min);
}

ValidatorPtr StringMatchesRegex(std::string pattern, std::string message) {
  return std::make_shared<StringMatchesRegexValidator>(std::move(pattern), std::move(message));
}

ValidatorPtr StringIsDuration() {
  return std::make_shared<StringIsDurationValidator>();
}

std::optional<int64_t> ParseGoDuration(std::string_view s) {
  // [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ ; the lone "0" is valid too.
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  if (s.substr(i) == "0") {
    return 0;
  }
  if (i == s.size()) {
    return std::nullopt;
  }
  long double total = 0;
  while (i < s.size()) {
    size_t start = i;
    long double number = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      number = number * 10 + (s[i] - '0');
      ++i;
    }
    bool had_int = i > start;
    bool had_frac = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        number += (s[i] - '0') * scale;
        scale /= 10;
        had_frac = true;
        ++i;
      }
    }
    if (!had_int && !had_frac) {
      return std::nullopt;
    }
    size_t unit_start = i;
    while (i < s.size() && s[i] != '.' && (s[i] < '0' || s[i] > '9')) {
      ++i;
    }
    std::string_view unit = s.substr(unit_start, i - unit_start);
    long double scale = 0;
    if (unit == "ns") {
      scale = 1;
    } else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") {
      scale = 1e3L;
    } else if (unit == "ms") {
      scale = 1e6L;
    } else if (unit == "s") {
      scale = 1e9L;
    } else if (unit == "m") {
      scale = 60e9L;
    } else if (unit == "h") {
      scale = 3600e9L;
    } else {
      return std::nullopt;
    }
    total += number * scale;
    if (total > 9223372036854775807.0L) {
      return std::nullopt;
    }
  }
  auto ns = static_cast<int64_t>(std::llround(total));
  return negative ? -ns : ns;
}

}  // namespace atlas::provider::framework
