#pragma once
// The lint analyzers of PostgreSQL (Atlas's postgrescheck): the generic ones in Atlas's order plus the
// dialect's own. Built once on first use; thread-safe.

#include "engine/lint/registry.hpp"

namespace atlas::engine::drivers::postgres {

const lint::Registry& LintAnalyzers();

}  // namespace atlas::engine::drivers::postgres
