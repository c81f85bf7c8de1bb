#pragma once
// Whether a migration file back-fills a column around the statement being linted, read from the
// statements' text (a token scan, not a parser): a single-table
// `UPDATE [ONLY] <table> SET ..., <column> = <expr>` with no WHERE clause, or with a WHERE clause
// naming the column (`WHERE <column> IS NULL`: the rows that would fail). Names compare ignoring
// ASCII case; the table's last name part is compared. Used by data_depend: MY101 is silenced by a
// later back-fill (Atlas's mysqlcheck), MF104 by an earlier one (Atlas's OSS parsers leave this
// unimplemented and always report). False when pass.file_statements is empty (declarative plans).
// Pure functions; thread-safe.

#include <string_view>

#include "engine/lint/pass.hpp"
#include "engine/sql/tokens.hpp"

namespace atlas::engine::lint {

bool FillsColumn(std::string_view statement, std::string_view table, std::string_view column,
                 sql::DialectKind kind);
bool ColumnFilledAfter(const Pass& pass, std::string_view table, std::string_view column);
bool ColumnFilledBefore(const Pass& pass, std::string_view table, std::string_view column);

}  // namespace atlas::engine::lint
