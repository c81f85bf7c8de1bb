#pragma once
// Resource: one managed resource type (terraform-plugin-framework resource.Resource), with one
// request/response struct pair per operation. The framework server (server.hpp) does the generic
// work around each call: decoding, schema validators, generic planning, consistency checks; the
// resource only implements its behaviour.
//
// Thread-safety: one Resource object serves every RPC of the process, concurrently. All methods
// are const; per-call state lives in the request/response; anything shared must be immutable or
// guarded by the implementation.

#include <cstdint>
#include <string>
#include <vector>

#include "provider/framework/context.hpp"
#include "provider/framework/diagnostics.hpp"
#include "provider/framework/schema.hpp"
#include "provider/tfvalue/value.hpp"

namespace atlas::provider::framework {

struct ValidateConfigRequest {
  tfvalue::Value config;  // may contain unknowns (values from other resources)
};
struct ValidateConfigResponse {
  Diagnostics diagnostics;
};

struct ModifyPlanRequest {
  tfvalue::Value config;              // null for a destroy
  tfvalue::Value prior_state;         // null for a create
  tfvalue::Value proposed_new_state;  // Terraform's merge of config and prior state
  std::string prior_private;
  RequestContext context;

  bool IsCreate() const { return prior_state.IsNull(); }
  bool IsDestroy() const { return proposed_new_state.IsNull(); }
};
struct ModifyPlanResponse {
  // Starts as the generic plan: proposed_new_state, computed attributes with a null config turned
  // unknown (create, or any change), attribute plan modifiers applied. Null for a destroy, and it
  // must stay null then. Never rewrite a non-null config value (Terraform rejects the plan).
  tfvalue::Value planned_state;
  // Starts with the paths the attribute plan modifiers asked for.
  std::vector<AttributePath> requires_replace;
  std::string planned_private;  // starts as prior_private
  Diagnostics diagnostics;
};

struct CreateRequest {
  tfvalue::Value config;
  tfvalue::Value planned_state;
  std::string planned_private;
  RequestContext context;
};
struct CreateResponse {
  // Starts null: set it (usually planned_state with the computed attributes filled). Must be
  // wholly known. With errors, a non-null state is saved as tainted; null means "not created".
  tfvalue::Value new_state;
  std::string private_data;  // starts as planned_private
  Diagnostics diagnostics;
};

struct ReadRequest {
  tfvalue::Value current_state;
  std::string private_data;
  RequestContext context;
};
struct ReadResponse {
  // Starts as current_state. Set it to null when the remote object is gone (Terraform then plans
  // a create). Must be wholly known.
  tfvalue::Value new_state;
  std::string private_data;  // starts as the request's private_data
  Diagnostics diagnostics;
};

struct UpdateRequest {
  tfvalue::Value config;
  tfvalue::Value planned_state;
  tfvalue::Value prior_state;
  std::string planned_private;
  RequestContext context;
};
struct UpdateResponse {
  tfvalue::Value new_state;  // starts as planned_state; must end wholly known
  std::string private_data;  // starts as planned_private
  Diagnostics diagnostics;
};

struct DeleteRequest {
  tfvalue::Value prior_state;
  std::string planned_private;
  RequestContext context;
};
struct DeleteResponse {
  // On success the server answers a null state; with errors it keeps prior_state.
  Diagnostics diagnostics;
};

struct ImportStateRequest {
  std::string id;
  RequestContext context;
};
struct ImportStateResponse {
  // Starts as Schema::EmptyValue() (attributes null, blocks empty): set at least one attribute.
  // Terraform calls Read on it next.
  tfvalue::Value state;
  std::string private_data;
  Diagnostics diagnostics;
};

struct UpgradeStateRequest {
  int64_t version = 0;         // schema version stored with the state, < the current version
  std::string raw_state_json;  // cty JSON written with that older schema
  RequestContext context;
};
struct UpgradeStateResponse {
  tfvalue::Value upgraded_state;  // must conform to the current schema and be wholly known
  Diagnostics diagnostics;
};

class Resource {
 public:
  Resource() = default;
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;
  Resource(Resource&&) = delete;
  Resource& operator=(Resource&&) = delete;
  virtual ~Resource() = default;

  // Full type name, e.g. "atlas_schema".
  virtual std::string TypeName() const = 0;
  // The schema; the reference must stay valid for the object's lifetime.
  virtual const Schema& GetSchema() const = 0;

  // Extra configuration checks, run after the schema validators. Default: none.
  virtual void ValidateConfig(const ValidateConfigRequest& req, ValidateConfigResponse& resp) const;
  // Adjusts the generic plan (also called for destroys, with planned_state null). Default: none.
  virtual void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const;

  virtual void Create(const CreateRequest& req, CreateResponse& resp) const = 0;
  virtual void Read(const ReadRequest& req, ReadResponse& resp) const = 0;
  virtual void Update(const UpdateRequest& req, UpdateResponse& resp) const = 0;
  virtual void Delete(const DeleteRequest& req, DeleteResponse& resp) const = 0;

  // Default: error "Resource Import Not Implemented".
  virtual void ImportState(const ImportStateRequest& req, ImportStateResponse& resp) const;
  // Called only when the stored version is older than GetSchema().version (same-version states
  // are decoded by the server). Default: error "Unable to Upgrade Resource State".
  virtual void UpgradeState(const UpgradeStateRequest& req, UpgradeStateResponse& resp) const;
};

}  // namespace atlas::provider::framework
