#pragma once
// Value: a cty value (zclconf/go-cty) as Terraform exchanges it with providers. A value has a Type
// and is exactly one of: null (typed), unknown (typed, optionally refined), or known.
// Known payloads: string, Number (exact decimal), bool, list/set/tuple elements, map elements,
// object attributes. Sets are deduplicated (wholly known elements only, as cty) and compare
// order-insensitively. Numbers compare numerically.
// Construct with the cty-style free functions below (StringVal, NullVal, ObjectVal...).
// Immutable value type: payloads are shared between copies and never modified, so copying is
// cheap and concurrent reads are thread-safe.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/tfvalue/number.hpp"
#include "provider/tfvalue/path.hpp"
#include "provider/tfvalue/type.hpp"

namespace atlas::provider::tfvalue {

class Value;

struct NumberBound {
  tfvalue::Number value;
  bool inclusive = true;
  bool operator==(const NumberBound&) const = default;
};

// Refinements of an unknown value (go-cty >= 1.13, Terraform >= 1.6), msgpack ext type 12.
struct Refinements {
  bool not_null = false;                     // key 1: definitely not null
  std::optional<std::string> string_prefix;  // key 2: strings only
  std::optional<NumberBound> number_lower;   // key 3: numbers only
  std::optional<NumberBound> number_upper;   // key 4: numbers only
  std::optional<int64_t> length_lower;       // key 5: list/set/map only
  std::optional<int64_t> length_upper;       // key 6: list/set/map only

  bool empty() const {
    return !not_null && !string_prefix && !number_lower && !number_upper && !length_lower &&
           !length_upper;
  }
  // Does a final (known or null) value satisfy these refinements? Unknown values always do.
  bool Allows(const Value& v) const;
  bool operator==(const Refinements&) const = default;
};

class Value {
 public:
  enum class State { kNull, kUnknown, kKnown };

  Value() = default;  // null of type dynamic

  const Type& type() const { return type_; }
  State state() const { return state_; }
  bool IsNull() const { return state_ == State::kNull; }
  bool IsUnknown() const { return state_ == State::kUnknown; }
  bool IsKnown() const { return state_ != State::kUnknown; }  // cty: null counts as known
  bool IsKnownNonNull() const { return state_ == State::kKnown; }
  // Known, and every nested element/attribute known too.
  bool IsWhollyKnown() const;
  // Path of the first unknown found in a depth-first walk (attributes by name, list/tuple by
  // index, map by key; an unknown inside a set reports the set's path). nullopt if wholly known.
  std::optional<Path> FirstUnknownPath() const;
  // Refinements of an unknown value; empty for null and known values.
  const Refinements& refinements() const;

  // Payload accessors. ATLAS_CHECK that the value is known, non-null and of the right kind.
  const std::string& AsString() const;
  const tfvalue::Number& AsNumber() const;
  bool AsBool() const;
  const std::vector<Value>& Elements() const;               // list, set, tuple
  const std::map<std::string, Value>& MapElements() const;  // map
  const std::map<std::string, Value>& Attributes() const;   // object
  size_t Length() const;  // elements of list/set/tuple/map, attributes of an object

  // Object attribute. On a null object: null of the attribute type; on an unknown object: unknown
  // of the attribute type. ATLAS_CHECK that this is an object type with that attribute.
  Value GetAttr(std::string_view name) const;
  // List or tuple element (known, in range: ATLAS_CHECK).
  Value Index(int64_t index) const;
  // Map element; nullopt when the key is absent.
  std::optional<Value> Key(std::string_view key) const;
  // Value at `path`. Through null: null of the sub-type; through unknown: unknown of the sub-type;
  // nullopt when the path does not exist (missing attribute, index out of range, missing key,
  // step into a set or a primitive).
  std::optional<Value> Find(const Path& path) const;

  // Copy of this object with attribute `name` replaced (known object that has the attribute:
  // ATLAS_CHECK). The object type is re-derived from the attribute values, as cty does.
  Value SetAttr(std::string_view name, Value v) const;
  // Copy with the value at `path` replaced. Every step must exist through known values
  // (ATLAS_CHECK). Set elements can't be addressed.
  Value SetPath(const Path& path, Value v) const;
  // Rebuilds the value top-down: `fn(path, v)` returns a replacement (not visited further) or
  // nullopt to keep `v` and descend into its elements/attributes. Set elements are visited with
  // the set's path.
  Value Transform(const std::function<std::optional<Value>(const Path&, const Value&)>& fn) const;
  // Deep copy without any refinements on nested unknowns.
  Value StripRefinements() const;

  // cty RawEquals: same type, same null/unknown state, refinements equal, payloads equal (numbers
  // numerically, sets ignoring order). An unknown equals an unknown of the same type.
  bool RawEquals(const Value& other) const;
  bool operator==(const Value& other) const { return RawEquals(other); }

  // Does this value fit the (schema) type? See Conforms(); also checks nested values.
  bool ConformsTo(const Type& type) const;

  // Debug text in cty/HCL-like syntax: "a", 5, true, null, (unknown), ["a"], {a = 1}.
  std::string ToString() const;

 private:
  struct Payload;
  friend Value NullVal(Type type);
  friend Value UnknownVal(Type type, Refinements refinements);
  friend Value StringVal(std::string s);
  friend Value NumberVal(tfvalue::Number n);
  friend Value BoolVal(bool b);
  friend Value ListVal(Type element, std::vector<Value> elements);
  friend Value SetVal(Type element, std::vector<Value> elements);
  friend Value MapVal(Type element, std::map<std::string, Value> elements);
  friend Value ObjectVal(std::map<std::string, Value> attributes);
  friend Value TupleVal(std::vector<Value> elements);

  Value(Type type, State state, std::shared_ptr<const Payload> payload)
      : type_(std::move(type)), state_(state), payload_(std::move(payload)) {}

  Type type_;
  State state_ = State::kNull;
  // Known payload or refinements of an unknown; null for plain nulls/unknowns. shared_ptr: the
  // payload is immutable and shared by copies (values are copied a lot while planning).
  std::shared_ptr<const Payload> payload_;
};

// ---- constructors (cty names) ----
Value NullVal(Type type);
// Refinements must fit the type (string prefix on strings...): ATLAS_CHECK. Refinements on a
// dynamic-typed unknown are dropped, as cty does.
Value UnknownVal(Type type, Refinements refinements = {});
inline Value DynamicVal() {
  return UnknownVal(Type::Dynamic());
}
Value StringVal(std::string s);
Value NumberVal(tfvalue::Number n);
inline Value NumberIntVal(int64_t v) {
  return NumberVal(Number::FromInt64(v));
}
Value BoolVal(bool b);
// Elements must conform to `element` (ATLAS_CHECK).
Value ListVal(Type element, std::vector<Value> elements);
Value SetVal(Type element, std::vector<Value> elements);  // deduplicates
Value MapVal(Type element, std::map<std::string, Value> elements);
Value ObjectVal(std::map<std::string, Value> attributes);  // type derived from the values
Value TupleVal(std::vector<Value> elements);
inline Value ListValEmpty(Type element) {
  return ListVal(std::move(element), {});
}
inline Value SetValEmpty(Type element) {
  return SetVal(std::move(element), {});
}
inline Value MapValEmpty(Type element) {
  return MapVal(std::move(element), {});
}

// Object value of `type` with every attribute null except those given (each must be an attribute
// of `type`: ATLAS_CHECK). Handy for building requests and expected states in tests.
Value ObjectValOfType(const Type& type, std::map<std::string, Value> attributes);

// Writes Value::ToString() (also makes GoogleTest print values readably).
std::ostream& operator<<(std::ostream& os, const Value& v);

}  // namespace atlas::provider::tfvalue
