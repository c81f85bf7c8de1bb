#pragma once
// Type: a cty type (zclconf/go-cty): string, number, bool, list/set/map of T, object (attributes,
// some optional), tuple, and the `dynamic` pseudo-type. Includes the JSON type encoding Terraform
// uses in schemas and msgpack dynamic values: "string", ["list","string"],
// ["object",{"a":"number"},["a"]], ["tuple",["string"]], "dynamic".
// Immutable value type: composite parts are shared, never modified after construction, so copies
// are cheap. Thread-safe for concurrent reads.

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.hpp"

namespace atlas::provider::tfvalue {

class Type {
 public:
  enum class Kind { kDynamic, kString, kNumber, kBool, kList, kSet, kMap, kObject, kTuple };

  Type() = default;  // dynamic

  static Type Dynamic() { return Type(); }
  static Type String() { return Type(Kind::kString); }
  static Type Number() { return Type(Kind::kNumber); }
  static Type Bool() { return Type(Kind::kBool); }
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  // Object with the given attributes; `optional` names must be attributes of the object.
  static Type Object(std::map<std::string, Type> attributes, std::set<std::string> optional = {});
  static Type Tuple(std::vector<Type> elements);

  Kind kind() const { return kind_; }
  bool IsDynamic() const { return kind_ == Kind::kDynamic; }
  bool IsPrimitive() const {
    return kind_ == Kind::kString || kind_ == Kind::kNumber || kind_ == Kind::kBool;
  }
  bool IsList() const { return kind_ == Kind::kList; }
  bool IsSet() const { return kind_ == Kind::kSet; }
  bool IsMap() const { return kind_ == Kind::kMap; }
  bool IsCollection() const { return IsList() || IsSet() || IsMap(); }  // cty "collection"
  bool IsObject() const { return kind_ == Kind::kObject; }
  bool IsTuple() const { return kind_ == Kind::kTuple; }

  // Element type of list/set/map. ATLAS_CHECK on other kinds.
  const Type& ElementType() const;
  // Object attributes (sorted by name) and optional attribute names. ATLAS_CHECK on non-objects.
  const std::map<std::string, Type>& AttributeTypes() const;
  const std::set<std::string>& OptionalAttributes() const;
  bool HasAttribute(std::string_view name) const;
  const Type& AttributeType(std::string_view name) const;  // ATLAS_CHECK when missing
  // Tuple element types. ATLAS_CHECK on non-tuples.
  const std::vector<Type>& TupleElementTypes() const;

  // True when this type is "dynamic" or contains "dynamic" somewhere.
  bool ContainsDynamic() const;

  // Structural equality (object optional-attribute sets are part of the type, as in cty).
  bool operator==(const Type& other) const;

  // Compact JSON, byte-identical to go-cty's Type.MarshalJSON.
  std::string ToJson() const;
  static engine::base::Result<Type> FromJson(std::string_view json);

  // Human-readable name as cty FriendlyName: "string", "list of string", "object", "tuple".
  std::string FriendlyName() const;

 private:
  struct Composite;
  explicit Type(Kind kind) : kind_(kind) {}
  Type(Kind kind, std::shared_ptr<const Composite> composite)
      : kind_(kind), composite_(std::move(composite)) {}

  Kind kind_ = Kind::kDynamic;
  // Set for list/set/map/object/tuple. shared_ptr: immutable, shared between copies.
  std::shared_ptr<const Composite> composite_;
};

// Does a value of type `actual` fit where `expected` is required? Equal types conform; "dynamic" in
// `expected` accepts anything at that position; a value of type dynamic (an unknown or null whose
// type is not known) conforms to anything. Object optional-attribute markers are ignored.
bool Conforms(const Type& actual, const Type& expected);

// Writes Type::ToJson().
std::ostream& operator<<(std::ostream& os, const Type& t);

}  // namespace atlas::provider::tfvalue
