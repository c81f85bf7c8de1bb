#pragma once
// The lint analyzers of MySQL/MariaDB (Atlas's mysqlcheck): the generic ones in Atlas's order, with
// data_depend's MySQL handler (MY101: the implicit value the server gives existing rows for a new
// NOT NULL column without default, MF103 where the statement fails instead), then inline_refs
// (MY102). The handler depends on the server: MariaDB, MySQL 8.0.2+
// (explicit_defaults_for_timestamp on by default) or older MySQL, so there is one analyzer set per
// kind, each built once on first use; thread-safe.

#include "engine/drivers/mysql/conn.hpp"
#include "engine/lint/registry.hpp"

namespace atlas::engine::drivers::mysql {

// The analyzer set for a server of `flavor` and `version` (mysql_get_server_version: 80019).
const lint::Registry& LintAnalyzers(Flavor flavor, int version);

}  // namespace atlas::engine::drivers::mysql
