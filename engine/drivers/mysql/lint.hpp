#pragma once
// The lint analyzers of MySQL/MariaDB (Atlas's mysqlcheck): the generic ones in Atlas's order plus the
// dialect's own. Built once on first use; thread-safe.

#include "engine/lint/registry.hpp"

namespace atlas::engine::drivers::mysql {

const lint::Registry& LintAnalyzers();

}  // namespace atlas::engine::drivers::mysql
