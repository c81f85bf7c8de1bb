#pragma once
// The lint analyzers of SQLite (Atlas's sqlitecheck): the generic ones in Atlas's order plus the
// dialect's own. Built once on first use; thread-safe.

#include "engine/lint/registry.hpp"

namespace atlas::engine::drivers::sqlite {

const lint::Registry& LintAnalyzers();

}  // namespace atlas::engine::drivers::sqlite
