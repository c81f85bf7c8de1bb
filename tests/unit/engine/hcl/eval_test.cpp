#include "engine/hcl/eval.hpp"

#include <string>

#include <gtest/gtest.h>

#include "engine/hcl/parser.hpp"

namespace atlas::engine::hcl {
namespace {

class HclEvalTest : public ::testing::Test {
 protected:
  HclEvalTest() {
    ctx_.variables["var"] =
        Value::Object({{"tenant", Value::String("acme")},
                       {"size", Value::NumberText("255")},
                       {"flags", Value::List({Value::Bool(true), Value::Bool(false)})}});
  }

  // Renders the value compactly for exact assertions, or "ERROR summary @pos".
  std::string Eval(const std::string& src) {
    source_ = src;
    auto e = ParseExpression(source_, "e.hcl");
    if (!e.ok()) {
      return "PARSE " + e.ErrorString();
    }
    ctx_.source = source_;
    auto v = Evaluate(*e, ctx_);
    if (!v.ok()) {
      const auto& d = v.diags().items().at(0);
      return "ERROR " + d.summary + " @" + d.source->ToString();
    }
    return Show(*v);
  }

  static std::string Show(const Value& v) {
    switch (v.kind) {
      case Value::Kind::kNull:
        return "null";
      case Value::Kind::kBool:
        return v.bool_value ? "true" : "false";
      case Value::Kind::kNumber:
        return v.text;
      case Value::Kind::kString:
        return "\"" + v.text + "\"";
      case Value::Kind::kList: {
        std::string out = "[";
        for (size_t i = 0; i < v.elements.size(); ++i) {
          out += (i > 0 ? ", " : "") + Show(v.elements[i]);
        }
        return out + "]";
      }
      case Value::Kind::kObject: {
        std::string out = "{";
        for (size_t i = 0; i < v.fields.size(); ++i) {
          out += (i > 0 ? ", " : "") + v.fields[i].first + "=" + Show(v.fields[i].second);
        }
        return out + "}";
      }
    }
    return "?";
  }

  EvalContext ctx_;
  std::string source_;
};

TEST_F(HclEvalTest, Literals) {
  EXPECT_EQ(Eval("null"), "null");
  EXPECT_EQ(Eval("1.50"), "1.50");
  EXPECT_EQ(Eval("-1"), "-1");
  EXPECT_EQ(Eval("-1.5"), "-1.5");
  EXPECT_EQ(Eval("\"x\""), "\"x\"");
  EXPECT_EQ(Eval("[1, \"a\", [true]]"), "[1, \"a\", [true]]");
  EXPECT_EQ(Eval("{ a = 1, \"b\": 2 }"), "{a=1, b=2}");
}

TEST_F(HclEvalTest, VariablesAndTemplates) {
  EXPECT_EQ(Eval("var.tenant"), "\"acme\"");
  EXPECT_EQ(Eval("\"${var.tenant}_users\""), "\"acme_users\"");
  EXPECT_EQ(Eval("\"n=${var.size} f=${var.flags[0]}\""), "\"n=255 f=true\"");
  EXPECT_EQ(Eval("var[\"tenant\"]"), "\"acme\"");
  EXPECT_EQ(Eval("var.missing"), "ERROR Unsupported attribute @e.hcl:1:4");
  EXPECT_EQ(Eval("local.x"), "ERROR Unknown variable @e.hcl:1:1");
  EXPECT_EQ(Eval("var.flags[5]"), "ERROR Invalid index @e.hcl:1:10");
  EXPECT_EQ(Eval("\"${var.flags}\""), "ERROR Invalid template interpolation value @e.hcl:1:4");
}

TEST_F(HclEvalTest, Operators) {
  EXPECT_EQ(Eval("1 + 2 * 3"), "7");
  EXPECT_EQ(Eval("var.size * 2"), "510");
  EXPECT_EQ(Eval("7 / 2"), "3.5");
  EXPECT_EQ(Eval("7 % 4"), "3");
  EXPECT_EQ(Eval("1 < 2 && !false"), "true");
  EXPECT_EQ(Eval("var.tenant == \"acme\" ? \"a\" : \"b\""), "\"a\"");
  EXPECT_EQ(Eval("[1, 2] == [1, 2]"), "true");
  EXPECT_EQ(Eval("1 / 0"), "ERROR Division by zero @e.hcl:1:5");
  EXPECT_EQ(Eval("\"a\" + 1"), "ERROR Invalid operand @e.hcl:1:1");
  EXPECT_EQ(Eval("1 ? 2 : 3"), "ERROR Invalid condition @e.hcl:1:1");
}

TEST_F(HclEvalTest, Functions) {
  EXPECT_EQ(Eval("upper(var.tenant)"), "\"ACME\"");
  EXPECT_EQ(Eval("lower(\"MiXed\")"), "\"mixed\"");
  EXPECT_EQ(Eval("trimspace(\"  x \")"), "\"x\"");
  EXPECT_EQ(Eval("format(\"%s-%d %%\", \"a\", 5)"), "\"a-5 %\"");
  EXPECT_EQ(Eval("join(\",\", [\"a\", \"b\"])"), "\"a,b\"");
  EXPECT_EQ(Eval("concat([1], [2, 3])"), "[1, 2, 3]");
  EXPECT_EQ(Eval("length([1, 2])"), "2");
  EXPECT_EQ(Eval("replace(\"a-b-c\", \"-\", \"_\")"), "\"a_b_c\"");
  EXPECT_EQ(Eval("tostring(5)"), "\"5\"");
  EXPECT_EQ(Eval("concat([[1]]...)"), "[1]");
  EXPECT_EQ(Eval("nope(1)"), "ERROR Unknown function @e.hcl:1:1");
  EXPECT_EQ(Eval("upper(1)"), "ERROR Invalid function argument @e.hcl:1:7");
  EXPECT_EQ(Eval("upper()"), "ERROR Invalid function call @e.hcl:1:1");
}

}  // namespace
}  // namespace atlas::engine::hcl
