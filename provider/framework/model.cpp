#include "provider/framework/model.hpp"

namespace atlas::provider::framework::detail {

namespace {

std::string Where(const AttributePath& path) {
  return path.empty() ? std::string("the value") : path.ToString();
}

}  // namespace

bool ConversionError(const AttributePath& path, Diagnostics& diags, const std::string& what) {
  diags.AddAttributeError(path, "Value Conversion Error",
                          "An unexpected error was encountered converting " + Where(path) + ": " +
                              what + ". This is always a bug in the provider.");
  return false;
}

bool RequireKnown(const tfvalue::Value& v, const AttributePath& path, Diagnostics& diags) {
  if (v.IsKnown()) {
    return true;
  }
  return ConversionError(path, diags,
                         "received an unknown value, however the target type cannot handle unknown "
                         "values (use framework::Maybe<T> or tfvalue::Value)");
}

bool RequireNonNull(const tfvalue::Value& v, const AttributePath& path, Diagnostics& diags) {
  if (!v.IsNull()) {
    return true;
  }
  return ConversionError(path, diags,
                         "received a null value, however the target type cannot handle null values "
                         "(use std::optional<T> or framework::Maybe<T>)");
}

bool RequireKind(const tfvalue::Value& v, tfvalue::Type::Kind kind, const char* expected,
                 const AttributePath& path, Diagnostics& diags) {
  if (v.type().kind() == kind) {
    return true;
  }
  return ConversionError(path, diags,
                         std::string("expected ") + expected + ", got " + v.type().FriendlyName());
}

bool TypeAccepts(const tfvalue::Type& type, tfvalue::Type::Kind kind) {
  return type.IsDynamic() || type.kind() == kind;
}

tfvalue::Value EncodeError(const tfvalue::Type& type, const AttributePath& path, Diagnostics& diags,
                           const std::string& what) {
  ConversionError(path, diags, "the attribute type " + type.ToJson() + " cannot hold " + what);
  return tfvalue::NullVal(type);
}

}  // namespace atlas::provider::framework::detail
