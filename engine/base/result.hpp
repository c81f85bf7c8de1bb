#pragma once
// Result<T>: a T or Diagnostics holding at least one error. Status = Result<void>.
// Errors as values for expected failures (bad HCL, unreachable server, failed statement).
// Thread-compatible.

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "engine/base/diagnostic.hpp"

namespace atlas::engine::base {

// Thrown only for programmer errors (ATLAS_CHECK); never for expected failures.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

#define ATLAS_CHECK(cond, what)                                                        \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      throw ::atlas::engine::base::InternalError(std::string(__FILE__) + ":" +         \
                                                 std::to_string(__LINE__) + ": " + (what)); \
    }                                                                                  \
  } while (false)

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                 // NOLINT(google-explicit-constructor)
  Result(Diagnostics diags) : v_(std::move(diags)) {        // NOLINT(google-explicit-constructor)
    ATLAS_CHECK(std::get<Diagnostics>(v_).HasError(), "Result error without an error diagnostic");
  }
  Result(Diagnostic diag) : Result(Diagnostics(std::move(diag))) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& {
    ATLAS_CHECK(ok(), "value() on error Result: " + std::get<Diagnostics>(v_).ToString());
    return std::get<T>(v_);
  }
  T& value() & {
    ATLAS_CHECK(ok(), "value() on error Result: " + std::get<Diagnostics>(v_).ToString());
    return std::get<T>(v_);
  }
  T&& value() && {
    ATLAS_CHECK(ok(), "value() on error Result: " + std::get<Diagnostics>(v_).ToString());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Diagnostics& diags() const& {
    ATLAS_CHECK(!ok(), "diags() on ok Result");
    return std::get<Diagnostics>(v_);
  }
  Diagnostics&& diags() && {
    ATLAS_CHECK(!ok(), "diags() on ok Result");
    return std::get<Diagnostics>(std::move(v_));
  }
  std::string ErrorString() const { return ok() ? std::string() : diags().ToString(); }

 private:
  std::variant<T, Diagnostics> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Diagnostics diags) : diags_(std::move(diags)) {  // NOLINT(google-explicit-constructor)
    ATLAS_CHECK(diags_.HasError(), "Status error without an error diagnostic");
  }
  Result(Diagnostic diag) : Result(Diagnostics(std::move(diag))) {}  // NOLINT(google-explicit-constructor)
  static Result Ok() { return {}; }
  bool ok() const { return !diags_.HasError(); }
  explicit operator bool() const { return ok(); }
  const Diagnostics& diags() const& { return diags_; }
  Diagnostics&& diags() && { return std::move(diags_); }
  std::string ErrorString() const { return diags_.ToString(); }

 private:
  Diagnostics diags_;
};

using Status = Result<void>;

inline Diagnostic Error(std::string summary, std::string detail = {}) {
  return Diagnostic::Error(std::move(summary), std::move(detail));
}

}  // namespace atlas::engine::base
