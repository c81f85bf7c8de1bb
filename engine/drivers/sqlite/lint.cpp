#include "engine/drivers/sqlite/lint.hpp"

namespace atlas::engine::drivers::sqlite {

const lint::Registry& LintAnalyzers() {
  static const lint::Registry registry = [] {
    lint::Registry r;
    lint::RegisterBuiltinAnalyzers(r);
    return r;
  }();
  return registry;
}

}  // namespace atlas::engine::drivers::sqlite
