#pragma once
// DataSource: one data source type (terraform-plugin-framework datasource.DataSource).
// Thread-safety: one object serves every RPC concurrently; methods are const.

#include <string>

#include "provider/framework/context.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/framework/resource.hpp"
#include "provider/framework/schema.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

struct ReadDataSourceRequest {
  tfvalue::Value config;  // wholly known (Terraform defers the read otherwise)
  RequestContext context;
};
struct ReadDataSourceResponse {
  // Starts as config: keep config values unchanged and fill the computed attributes. Must end
  // non-null and wholly known.
  tfvalue::Value state;
  Diagnostics diagnostics;
};

class DataSource {
 public:
  DataSource() = default;
  DataSource(const DataSource&) = delete;
  DataSource& operator=(const DataSource&) = delete;
  DataSource(DataSource&&) = delete;
  DataSource& operator=(DataSource&&) = delete;
  virtual ~DataSource() = default;

  virtual std::string TypeName() const = 0;
  virtual const Schema& GetSchema() const = 0;
  // Extra configuration checks after the schema validators. Default: none.
  virtual void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) const;
  virtual void Read(const ReadDataSourceRequest& req, ReadDataSourceResponse& resp) const = 0;
};

}  // namespace atlas::provider::framework
