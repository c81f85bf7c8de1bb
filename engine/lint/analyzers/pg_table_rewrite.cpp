// table_rewrite (PG301, PG302, PG303): changes that make PostgreSQL rewrite an existing table and
// its indexes while holding an ACCESS EXCLUSIVE lock. Our config name. Findings are warnings.
//
// PG301: a column type change, except the binary-coercible ones PostgreSQL 15 does in place
// (checked on PG 15 by comparing pg_class.relfilenode before and after):
//   character varying(n) -> character varying(m >= n) | character varying | text
//   character varying | text -> character varying | text
//   numeric(p,s) -> numeric(q >= p, s) | numeric
//   bit varying(n) -> bit varying(m >= n) | bit varying
//   timestamp | timestamptz | time | timetz (p) -> the same type with precision >= p (or none = 6)
// Everything else is reported (character(n) growth, integer -> bigint, arrays, ...).
// PG302: a new column whose DEFAULT is volatile (one of kVolatile below), or that is filled from
// a sequence (serial, identity): every existing row gets its own value. Constants, now(),
// CURRENT_TIMESTAMP and other non-volatile defaults are stored in the catalog since PostgreSQL 11.
// PG303: a new STORED generated column.

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/lint/analyzers/postgres.hpp"
#include "engine/lint/quote.hpp"

namespace atlas::engine::lint {

namespace {

// Volatile functions commonly used as column defaults.
constexpr std::array<std::string_view, 8> kVolatile = {
    "random",          "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
    "uuid_generate_v4", "clock_timestamp", "timeofday",        "nextval"};

struct ParsedType {
  std::string base;          // "character varying"
  std::vector<int> args;     // (n) / (p,s)
  bool has_args = false;
};

// "numeric(10,2)" -> {"numeric", {10, 2}}; nullopt for arrays and unparsable arguments.
std::optional<ParsedType> Parse(const schema::ColumnType& t) {
  const std::string s = t.normalized.empty() ? t.raw : t.normalized;
  if (t.array_dims > 0 || s.find('[') != std::string::npos) {
    return std::nullopt;
  }
  ParsedType out;
  const auto open = s.find('(');
  if (open == std::string::npos) {
    out.base = s;
    return out;
  }
  const auto close = s.find(')', open);
  if (close == std::string::npos || close + 1 != s.size()) {
    return std::nullopt;
  }
  out.base = s.substr(0, open);
  out.has_args = true;
  std::string num;
  for (size_t i = open + 1; i <= close; ++i) {
    const char c = s[i];
    if (c == ',' || c == ')') {
      if (num.empty()) {
        return std::nullopt;
      }
      int v = 0;
      if (std::from_chars(num.data(), num.data() + num.size(), v).ec != std::errc()) {
        return std::nullopt;
      }
      out.args.push_back(v);
      num.clear();
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      num += c;
    } else if (c != ' ') {
      return std::nullopt;
    }
  }
  return out;
}

bool IsText(const ParsedType& t) {
  return (t.base == "character varying" && !t.has_args) || t.base == "text";
}

// Whether PostgreSQL 15 changes the type without rewriting the table.
bool Coercible(const schema::ColumnType& from, const schema::ColumnType& to) {
  const auto f = Parse(from);
  const auto t = Parse(to);
  if (!f || !t) {
    return false;
  }
  if (f->base == t->base && f->args == t->args) {
    return true;  // same type, spelled differently
  }
  // Growing (or dropping) the limit of a length-limited type.
  const auto grows = [&](std::string_view base) {
    return f->base == base && t->base == base &&
           (!t->has_args || (f->has_args && t->args[0] >= f->args[0]));
  };
  if (f->base == "character varying") {
    return grows("character varying") || t->base == "text";
  }
  if (IsText(*f)) {
    return IsText(*t);
  }
  if (f->base == "numeric" && t->base == "numeric") {
    if (!t->has_args) {
      return true;
    }
    if (!f->has_args) {
      return false;
    }
    const int fs = f->args.size() > 1 ? f->args[1] : 0;
    const int ts = t->args.size() > 1 ? t->args[1] : 0;
    return fs == ts && t->args[0] >= f->args[0];
  }
  if (f->base == "bit varying") {
    return grows("bit varying");
  }
  for (const std::string_view base : {"timestamp", "timestamptz", "time", "timetz"}) {
    if (f->base == base && t->base == base) {
      // No precision is the maximum (6): growing to it is in place, shrinking from it is not.
      return !t->has_args || (f->has_args && t->args[0] >= f->args[0]);
    }
  }
  return false;
}

std::string TypeOf(const schema::ColumnType& t) {
  return t.raw.empty() ? t.normalized : t.raw;
}

// The first volatile function called by a default expression, "" when none.
std::string VolatileCall(const schema::Expr& e) {
  if (e.kind != schema::Expr::Kind::kRaw) {
    return "";
  }
  const auto tokens = sql::Tokenize(e.text, sql::SplitOptions::For(sql::DialectKind::kPostgres));
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const auto& t = tokens[i];
    const auto& next = tokens[i + 1];
    if (t.kind != sql::Token::Kind::kWord || next.kind != sql::Token::Kind::kPunct ||
        next.text != "(") {
      continue;
    }
    std::string name = t.text;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(kVolatile.begin(), kVolatile.end(), name) != kVolatile.end()) {
      return name;
    }
  }
  return "";
}

class TableRewriteAnalyzer final : public Analyzer {
 public:
  std::string_view Name() const override { return "table_rewrite"; }
  std::vector<std::string_view> Codes() const override { return {"PG301", "PG302", "PG303"}; }

  void Analyze(const Pass& pass, Report& report) const override {
    for (const auto& [index, mt] : pass.ModifiedTables()) {
      const std::string table = Quote(mt->from.name);
      for (const auto& tc : mt->changes) {
        if (const auto* mc = std::get_if<schema::ModifyColumn>(&tc)) {
          if ((mc->change & schema::kChangeType) != 0 && !Coercible(mc->from.type, mc->to.type)) {
            report.diagnostics.push_back(
                {"PG301",
                 fmt::format("Changing the type of column {} from {} to {} rewrites table {} and "
                             "its indexes under an ACCESS EXCLUSIVE lock",
                             Quote(mc->to.name), Quote(TypeOf(mc->from.type)),
                             Quote(TypeOf(mc->to.type)), table),
                 "Add a new column of the new type, back-fill it in batches and switch readers "
                 "to it, instead of changing the type in place",
                 index});
          }
        } else if (const auto* ac = std::get_if<schema::AddColumn>(&tc)) {
          AddColumn(ac->column, table, index, report);
        }
      }
    }
    if (!report.diagnostics.empty()) {
      report.text = "table rewrite detected";
    }
  }

 private:
  static void AddColumn(const schema::Column& c, const std::string& table, int index,
                        Report& report) {
    if (c.generated) {
      if (c.generated->stored) {
        report.diagnostics.push_back(
            {"PG303",
             fmt::format("Adding stored generated column {} rewrites table {} under an ACCESS "
                         "EXCLUSIVE lock",
                         Quote(c.name), table),
             "Add a plain column, fill it in batches and keep it current with a trigger",
             index});
      }
      return;
    }
    std::string subject;
    if (c.identity) {
      subject = fmt::format("identity column {}", Quote(c.name));
    } else if (c.auto_increment) {
      subject = fmt::format("serial column {}", Quote(c.name));
    } else if (c.default_value) {
      if (const std::string fn = VolatileCall(*c.default_value); !fn.empty()) {
        subject = fmt::format("column {} with volatile default {}()", Quote(c.name), fn);
      }
    }
    if (subject.empty()) {
      return;
    }
    report.diagnostics.push_back(
        {"PG302",
         fmt::format("Adding {} rewrites table {} under an ACCESS EXCLUSIVE lock", subject, table),
         "Add the column without a default (or with a constant one), back-fill it in batches, "
         "then set the default",
         index});
  }
};

}  // namespace

std::unique_ptr<Analyzer> NewTableRewriteAnalyzer() {
  return std::make_unique<TableRewriteAnalyzer>();
}

}  // namespace atlas::engine::lint
