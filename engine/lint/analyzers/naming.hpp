#pragma once
// naming (NM101-NM106): names a change introduces that break the project's naming policy. Atlas
// documents this analyzer (atlasgo.io, Atlas Pro; its source is closed): the codes follow that
// list, the texts and the option semantics below are ours. Configured in atlas.hcl:
//
//   lint {
//     naming {
//       match   = "^[a-z_]+$"          # the pattern every new name must match
//       message = "must be snake case" # optional, default: must match "<pattern>"
//       index {                        # per resource: schema, table, column, index,
//         match   = "^[a-z_]+_idx$"    #   foreign_key, check (each attribute overrides
//         message = "must end with _idx" #   the top-level one)
//       }
//     }
//   }
//
// Patterns are ECMAScript regular expressions (std::regex) searched in the name, as Go's
// regexp.MatchString does (anchor them with ^ and $); Atlas uses Go's RE2 syntax, which has no
// back-references or look-arounds but has (?i) flags, \pL classes and (?P<name>) groups.
// Without a `naming` block the analyzer reports nothing; findings are warnings unless
// `error = true`. Stateless; thread-safe.

#include <memory>

#include "engine/lint/analyzer.hpp"

namespace atlas::engine::lint {

std::unique_ptr<Analyzer> NewNamingAnalyzer();

}  // namespace atlas::engine::lint
