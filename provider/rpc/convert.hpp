#pragma once
// Conversions between tfplugin6 protobuf messages and framework/tfvalue types: DynamicValue <->
// Value (msgpack out; msgpack, then JSON, in; both empty means null), Diagnostics, AttributePath,
// and framework Schema -> tfplugin6 Schema.
// Pure functions; thread-safe.

#include <string>

#include <google/protobuf/repeated_field.h>

#include "provider/framework/diagnostics.hpp"
#include "provider/framework/schema.hpp"
#include "provider/tfvalue/type.hpp"
#include "provider/tfvalue/value.hpp"

#include "tfplugin6/tfplugin6.pb.h"

namespace atlas::provider::rpc {

// Decodes a request value of `type`. Absent message or both fields empty: null of `type`.
// Decoding problems become an error diagnostic naming `what` ("config", "prior_state"...).
tfvalue::Value DecodeDynamicValue(const tfplugin6::DynamicValue& dv, const tfvalue::Type& type,
                                  const std::string& what, framework::Diagnostics& diags);
// Encodes `v` as msgpack into `out`. Encoding problems become an error diagnostic.
void EncodeDynamicValue(const tfvalue::Value& v, const tfvalue::Type& type, const std::string& what,
                        tfplugin6::DynamicValue* out, framework::Diagnostics& diags);

void ToProto(const framework::AttributePath& path, tfplugin6::AttributePath* out);
framework::AttributePath FromProto(const tfplugin6::AttributePath& path);

void ToProto(const framework::Diagnostic& d, tfplugin6::Diagnostic* out);
void AppendDiagnostics(const framework::Diagnostics& diags,
                       google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);

// Attributes and nested blocks are written sorted by name (as the Go framework does).
void ToProto(const framework::Block& block, tfplugin6::Schema::Block* out);
void ToProto(const framework::Schema& schema, tfplugin6::Schema* out);

}  // namespace atlas::provider::rpc
