#pragma once
// Test helper: a compact, line-oriented text form of a schema::Realm, so tests can compare an
// inspected realm with an exact expected text. Pure function; thread-safe.

#include <string>

#include "engine/schema/realm.hpp"

namespace atlas::engine::drivers::postgres::testing {

std::string DumpRealm(const schema::Realm& realm);

}  // namespace atlas::engine::drivers::postgres::testing
