#include "engine/drivers/mysql/lint.hpp"

namespace atlas::engine::drivers::mysql {

const lint::Registry& LintAnalyzers() {
  static const lint::Registry registry = [] {
    lint::Registry r;
    lint::RegisterBuiltinAnalyzers(r);
    return r;
  }();
  return registry;
}

}  // namespace atlas::engine::drivers::mysql
