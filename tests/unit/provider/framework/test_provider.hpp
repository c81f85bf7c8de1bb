#pragma once
// A small provider for framework and rpc tests: provider "test" with resource "test_thing" and
// data source "test_ds". Behaviour hooks are plain std::function members set before the server
// is built. Header-only test helper.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "provider/framework/model.hpp"
#include "provider/framework/provider.hpp"
#include "provider/framework/schema.hpp"

namespace atlas::provider::framework::testing {

using tfvalue::Type;
using tfvalue::Value;

inline Schema ThingSchema() {
  Block column;
  column.Add(Attribute::String("name").Required());
  column.Add(Attribute::String("type").Optional().Computed());
  Block pk;
  pk.Add(Attribute::List("columns", Type::String()).Optional());
  Block thing;
  thing.Describe("A test thing");
  thing.Add(Attribute::String("id").Computed().Modify(UseStateForUnknown()).Describe("id"));
  thing.Add(Attribute::String("name")
                .Required()
                .Modify(RequiresReplace())
                .Validate(StringLengthAtLeast(1)));
  thing.Add(Attribute::String("comment").Optional());
  thing.Add(Attribute::Number("size").Optional().Computed());
  thing.Add(Attribute::String("secret").Optional().Sensitive());
  thing.Add(Attribute::String("mode").Optional().Validate(StringOneOf({"a", "b"})));
  thing.Add(Attribute::String("old").Optional().Deprecated("Use name instead."));
  thing.Add(Attribute::String("status").Computed());
  thing.Add(NestedBlock::List("column", column));
  thing.Add(NestedBlock::Single("pk", pk));
  return Schema{1, thing};
}

struct ThingColumn {
  std::string name;
  Maybe<std::string> type;
};
template <class Io>
void Fields(Io& io, ThingColumn& m) {
  io("name", m.name);
  io("type", m.type);
}

struct ThingModel {
  Maybe<std::string> id;
  std::string name;
  std::optional<std::string> comment;
  Maybe<tfvalue::Number> size;
  std::vector<ThingColumn> column;
};
template <class Io>
void Fields(Io& io, ThingModel& m) {
  io("id", m.id);
  io("name", m.name);
  io("comment", m.comment);
  io("size", m.size);
  io("column", m.column);
}

struct TestProviderData : ProviderData {
  std::string dev_url;
};

class ThingResource final : public Resource {
 public:
  std::function<void(const ModifyPlanRequest&, ModifyPlanResponse&)> modify_plan;
  std::function<void(const CreateRequest&, CreateResponse&)> create;
  std::function<void(const ReadRequest&, ReadResponse&)> read;
  std::function<void(const DeleteRequest&, DeleteResponse&)> del;
  std::function<void(const ValidateConfigRequest&, ValidateConfigResponse&)> validate;

  std::string TypeName() const override { return "test_thing"; }
  const Schema& GetSchema() const override { return schema_; }

  void ValidateConfig(const ValidateConfigRequest& req,
                      ValidateConfigResponse& resp) const override {
    if (validate) {
      validate(req, resp);
    }
  }
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const override {
    if (modify_plan) {
      modify_plan(req, resp);
    }
  }
  // Default create: fills every unknown (id "id-1", size 42, column types "text", status "ok").
  void Create(const CreateRequest& req, CreateResponse& resp) const override {
    if (create) {
      create(req, resp);
      return;
    }
    resp.new_state = Fill(req.planned_state, resp.diagnostics);
  }
  void Read(const ReadRequest& req, ReadResponse& resp) const override {
    if (read) {
      read(req, resp);
    }
  }
  void Update(const UpdateRequest& req, UpdateResponse& resp) const override {
    resp.new_state = Fill(req.planned_state, resp.diagnostics);
  }
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override {
    if (del) {
      del(req, resp);
    }
  }

  static Value Fill(const Value& planned, Diagnostics& diags) {
    auto model = Decode<ThingModel>(planned, diags);
    if (diags.HasError()) {
      return planned;
    }
    if (!model.id.IsKnown()) {
      model.id = std::string("id-1");
    }
    if (model.size.IsUnknown()) {
      model.size = tfvalue::Number::FromInt64(42);
    }
    for (auto& c : model.column) {
      if (c.type.IsUnknown()) {
        c.type = std::string("text");
      }
    }
    Value out = UpdateObject(planned, model, diags);
    if (out.GetAttr("status").IsUnknown()) {
      out = out.SetAttr("status", tfvalue::StringVal("ok"));
    }
    return out;
  }

 private:
  Schema schema_ = ThingSchema();
};

inline Schema DsSchema() {
  Block b;
  b.Add(Attribute::String("url").Required().Sensitive());
  b.Add(Attribute::String("id").Computed());
  b.Add(Attribute::Number("size").Computed());
  return Schema{0, b};
}

class TestDataSource final : public DataSource {
 public:
  std::function<void(const ReadDataSourceRequest&, ReadDataSourceResponse&)> read;

  std::string TypeName() const override { return "test_ds"; }
  const Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataSourceRequest& req, ReadDataSourceResponse& resp) const override {
    if (read) {
      read(req, resp);
      return;
    }
    resp.state = resp.state.SetAttr("id", tfvalue::StringVal("ds"))
                     .SetAttr("size", tfvalue::NumberIntVal(42));
  }

 private:
  Schema schema_ = DsSchema();
};

class TestProvider final : public Provider {
 public:
  // Hooks to customize the served types (called by Resources()/DataSources()).
  std::function<void(ThingResource&)> setup_thing;
  std::function<void(TestDataSource&)> setup_ds;

  std::string TypeName() const override { return "test"; }
  const Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureProviderRequest& req,
                 ConfigureProviderResponse& resp) const override {
    auto data = std::make_shared<TestProviderData>();
    data->dev_url =
        Get<std::optional<std::string>>(req.config, "dev_url", resp.diagnostics).value_or("");
    resp.provider_data = std::move(data);
  }
  std::vector<std::unique_ptr<Resource>> Resources() const override {
    auto thing = std::make_unique<ThingResource>();
    if (setup_thing) {
      setup_thing(*thing);
    }
    std::vector<std::unique_ptr<Resource>> out;
    out.push_back(std::move(thing));
    return out;
  }
  std::vector<std::unique_ptr<DataSource>> DataSources() const override {
    auto ds = std::make_unique<TestDataSource>();
    if (setup_ds) {
      setup_ds(*ds);
    }
    std::vector<std::unique_ptr<DataSource>> out;
    out.push_back(std::move(ds));
    return out;
  }

 private:
  Schema schema_ = Schema{0, Block().Add(Attribute::String("dev_url").Optional().Sensitive())};
};

// Config object for test_thing with the given attributes set (others null, blocks empty).
inline Value ThingConfig(std::map<std::string, Value> attrs) {
  Value v = ThingSchema().EmptyValue();
  for (auto& [k, x] : attrs) {
    v = v.SetAttr(k, std::move(x));
  }
  return v;
}

}  // namespace atlas::provider::framework::testing
