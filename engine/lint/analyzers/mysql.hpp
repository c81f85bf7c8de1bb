#pragma once
// MySQL/MariaDB lint pieces that read how a migration statement was written, because the
// inspected schema cannot tell (Atlas's mysqlcheck with its file parser):
//   - MY102 (`inline_refs`, report "inline REFERENCES detected"): a column declared with an inline
//     `REFERENCES t(c)` in CREATE TABLE or ALTER TABLE ... ADD COLUMN that the server ignored (no
//     foreign key over the column after the statement). MySQL before 9.0 ignores them; MariaDB
//     10.5+ and MySQL 9.0+ create the foreign key, and then nothing is reported.
//   - MysqlColumnFilledAfter: whether the file back-fills a column after the current statement
//     (silences MY101, see engine/drivers/mysql/lint.cpp).
// Token scans (engine/sql/tokens.hpp), not a parser: quotes and comments follow MySQL's rules.
// Pure functions; thread-safe.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lint/analyzer.hpp"

namespace atlas::engine::lint {

std::unique_ptr<Analyzer> NewMysqlInlineRefsAnalyzer();
// enum_change (MY110 removed ENUM/SET values, MY111 values inserted before the end): changes that
// copy the table (engine/lint/analyzers/mysql_enum.cpp).
std::unique_ptr<Analyzer> NewMysqlEnumChangeAnalyzer();

// The columns `statement` declares with an inline REFERENCES clause: column definitions of a
// CREATE TABLE body and of ALTER TABLE ... ADD [COLUMN] (single or parenthesized list); table
// constraints (FOREIGN KEY (...) REFERENCES) are not column definitions. Names as written,
// unquoted.
std::vector<std::string> MysqlInlineReferenceColumns(std::string_view statement);

// Whether a statement of the file after pass.source back-fills `column` of `table`: a
// single-table `UPDATE <table> SET ..., <column> = <expr>` with no WHERE clause, or with a WHERE
// clause that names the column (`WHERE <column> = 0`: the rows the server filled). Names compare
// ignoring case (MySQL column names do; the table's last name part is compared). False when
// pass.file_statements is empty.
bool MysqlColumnFilledAfter(const Pass& pass, std::string_view table, std::string_view column);

}  // namespace atlas::engine::lint
