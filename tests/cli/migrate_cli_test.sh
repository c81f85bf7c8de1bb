#!/usr/bin/env bash
# `atlas migrate new|hash|validate|lint|status|apply|set|down` end to end on SQLite files: Atlas's output (durations
# masked), exit codes, atlas.sum written and checked (a bad sum refused with the hash hint before
# anything runs), apply by amount, dry run, partial failure recorded in status and resumed.
# Usage: migrate_cli_test.sh <path to the atlas binary>
set -uo pipefail
ATLAS="$1"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
DIR="file://migrations"
URL="sqlite://app.db"
failures=0
fail() { echo -e "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_contains() { grep -qF -- "$2" <<<"$1" || fail "$3: expected output to contain [$2], got:\n$1"; }
# Go durations ("1.2ms", "315.146µs", "2s") become DUR.
mask() { sed -E 's/[0-9]+(\.[0-9]+)?(ns|µs|us|ms|s|m[0-9.]+s)/DUR/g'; }
expect_output() {
  local got="$1" want="$2" what="$3"
  [[ "$got" == "$want" ]] || fail "$what: output differs:\n--- want\n$want\n--- got\n$got"
}
expect_rc() { [[ "$1" -eq "$2" ]] || fail "$3: exit code $1, want $2"; }

mkdir migrations
printf 'CREATE TABLE users (id int);\n' > migrations/20240101000001_users.sql
printf 'CREATE TABLE pets (id int);\nCREATE INDEX pets_id ON pets (id);\n' > migrations/20240101000002_pets.sql

# No atlas.sum yet: refused with the hint.
out="$("$ATLAS" migrate validate --dir "$DIR" 2>&1)"
expect_rc $? 1 "validate without atlas.sum"
expect_contains "$out" "atlas migrate hash" "validate without atlas.sum"

out="$("$ATLAS" migrate hash --dir "$DIR" 2>&1)"
expect_rc $? 0 "hash"
expect_output "$out" "" "hash prints nothing"
[[ "$(head -c 3 migrations/atlas.sum)" == "h1:" ]] || fail "atlas.sum must start with h1:"
[[ "$(wc -l < migrations/atlas.sum)" -eq 3 ]] || fail "atlas.sum must have 3 lines"
grep -q '^20240101000002_pets.sql h1:' migrations/atlas.sum || fail "atlas.sum lists each file"

out="$("$ATLAS" migrate validate --dir "$DIR" 2>&1)"
expect_rc $? 0 "validate"

out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_rc $? 0 "status on an empty database"
expect_output "$out" "Migration Status: PENDING
  -- Current Version: No migration applied yet
  -- Next Version:    20240101000001
  -- Executed Files:  0
  -- Pending Files:   2" "status on an empty database"

out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" --dry-run 2>&1)"
expect_rc $? 0 "dry run"
expect_contains "$out" "    -> CREATE INDEX pets_id ON pets (id);" "dry run lists statements"
[[ ! -s app.db ]] || [[ -z "$(sqlite3 app.db .tables 2>/dev/null)" ]] || fail "dry run changed the database"

out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 1 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 0 "apply 1"
expect_output "$out" "Migrating to version 20240101000001 (1 migrations in total):

  -- migrating version 20240101000001
    -> CREATE TABLE users (id int);
  -- ok (DUR)

  -------------------------
  -- DUR
  -- 1 migration
  -- 1 sql statement" "apply 1"

out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_output "$out" "Migration Status: PENDING
  -- Current Version: 20240101000001
  -- Next Version:    20240101000002
  -- Executed Files:  1
  -- Pending Files:   1" "status after apply 1"

out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 0 "apply rest"
expect_output "$out" "Migrating to version 20240101000002 from 20240101000001 (1 migrations in total):

  -- migrating version 20240101000002
    -> CREATE TABLE pets (id int);
    -> CREATE INDEX pets_id ON pets (id);
  -- ok (DUR)

  -------------------------
  -- DUR
  -- 1 migration
  -- 2 sql statements" "apply rest"

out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>&1)"
expect_rc $? 0 "apply with nothing pending"
expect_output "$out" "No migration files to execute" "apply with nothing pending"

out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_output "$out" "Migration Status: OK
  -- Current Version: 20240101000002
  -- Next Version:    Already at latest version
  -- Executed Files:  2
  -- Pending Files:   0" "status when up to date"
if command -v sqlite3 >/dev/null 2>&1; then
  rows="$(sqlite3 app.db "SELECT version || ' ' || applied || '/' || total || ' ' || type FROM atlas_schema_revisions ORDER BY version" | tr '\n' ,)"
  expect_output "$rows" "20240101000001 1/1 2,20240101000002 2/2 2," "revisions rows"
fi

# A file edited after hashing: refused before anything runs, with the hash hint.
printf 'CREATE TABLE toys (id int);\n' > migrations/20240101000003_toys.sql
out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>&1)"
expect_rc $? 1 "apply with a stale atlas.sum"
expect_contains "$out" "checksum mismatch" "apply with a stale atlas.sum"
expect_contains "$out" "atlas migrate hash" "apply with a stale atlas.sum"
out="$("$ATLAS" migrate validate --dir "$DIR" 2>&1)"
expect_rc $? 1 "validate with a stale atlas.sum"
expect_contains "$out" "checksum mismatch" "validate with a stale atlas.sum"
out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_rc $? 1 "status with a stale atlas.sum"
expect_contains "$out" "checksum mismatch" "status with a stale atlas.sum"
if command -v sqlite3 >/dev/null 2>&1; then
  [[ -z "$(sqlite3 app.db "SELECT name FROM sqlite_master WHERE name = 'toys'")" ]] ||
    fail "nothing may run with a stale atlas.sum"
fi
"$ATLAS" migrate hash --dir "$DIR" >/dev/null 2>&1 || fail "rehash"
printf -- '-- edited\nCREATE TABLE pets (id int);\nCREATE INDEX pets_id ON pets (id);\n' > migrations/20240101000002_pets.sql
out="$("$ATLAS" migrate validate --dir "$DIR" 2>&1)"
expect_rc $? 1 "validate with an edited file"
expect_contains "$out" "20240101000002_pets.sql" "the error names the edited file"
expect_contains "$out" "'atlas migrate hash'" "the error says how to fix"
printf 'CREATE TABLE pets (id int);\nCREATE INDEX pets_id ON pets (id);\n' > migrations/20240101000002_pets.sql

# A failing file (txmode none): Atlas's failure block, exit 1, status shows the partial revision.
printf -- '-- atlas:txmode none\n\nCREATE TABLE a (id int);\nINSERT INTO nope VALUES (1);\n' > migrations/20240101000004_bad.sql
"$ATLAS" migrate hash --dir "$DIR" >/dev/null 2>&1 || fail "rehash"
out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>/dev/null | mask)"
expect_rc "${PIPESTATUS[0]}" 1 "apply with a failing file"
expect_output "$out" "Migrating to version 20240101000004 from 20240101000002 (2 migrations in total):

  -- migrating version 20240101000003
    -> CREATE TABLE toys (id int);
  -- ok (DUR)

  -- migrating version 20240101000004
    -> CREATE TABLE a (id int);
    -> INSERT INTO nope VALUES (1);
    sqlite: no such table: nope

  -------------------------
  -- DUR
  -- 1 migration ok, 1 with errors
  -- 2 sql statements ok, 1 with errors" "apply with a failing file"
err="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>&1 >/dev/null)"
expect_contains "$err" 'Error: ' "failure on stderr"
expect_contains "$err" 'sql/migrate: executing statement "INSERT INTO nope VALUES (1);" from version "20240101000004"' "failure on stderr"
out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_output "$out" "Migration Status: PENDING
  -- Current Version: 20240101000004 (1 statements applied)
  -- Next Version:    20240101000004 (1 statements left)
  -- Executed Files:  4 (last one partially)
  -- Pending Files:   1

Last migration attempt had errors:
  -- SQL:   INSERT INTO nope VALUES (1);
  -- ERROR: sqlite: no such table: nope" "status after a partial failure"

# Fixing the failing statement resumes after the applied one.
printf -- '-- atlas:txmode none\n\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n' > migrations/20240101000004_bad.sql
"$ATLAS" migrate hash --dir "$DIR" >/dev/null 2>&1 || fail "rehash"
out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 0 "resume"
expect_output "$out" "Migrating to version 20240101000004 from 20240101000004 (1 migrations in total):

  -- migrating version 20240101000004
    -> CREATE TABLE b (id int);
  -- ok (DUR)

  -------------------------
  -- DUR
  -- 1 migration
  -- 1 sql statement" "resume"
out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_contains "$out" "Migration Status: OK" "status after resume"

# migrate down: dry run lists checks and statements; data in a table to drop refuses; then reverts.
DEV="sqlite://dev?mode=memory"
out="$("$ATLAS" migrate down --url "$URL" --dir "$DIR" --dev-url "$DEV" --dry-run 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 0 "down dry run"
expect_output "$out" "Migrating down from version 20240101000004 to version 20240101000003 (1 migrations in total):

  -- checks before migrating down
    -> SELECT NOT EXISTS (SELECT 1 FROM \`a\`);
    -> SELECT NOT EXISTS (SELECT 1 FROM \`b\`);

  -- reverting versions 20240101000004
    -> PRAGMA foreign_keys = off;
    -> DROP TABLE \`a\`;
    -> DROP TABLE \`b\`;
    -> PRAGMA foreign_keys = on;

  -------------------------
  -- DUR
  -- 1 migration reverted
  -- 2 checks
  -- 4 sql statements" "down dry run"
sqlite3 app.db "INSERT INTO b VALUES (1);"
out="$("$ATLAS" migrate down --url "$URL" --dir "$DIR" --dev-url "$DEV" 2>&1)"
expect_rc $? 1 "down refused by a check"
expect_contains "$out" 'Pre-migration check failed: table "b" is not empty' "down refused by a check"
sqlite3 app.db "DELETE FROM b;"
out="$("$ATLAS" migrate down --url "$URL" --dir "$DIR" --dev-url "$DEV" 2>&1)"
expect_rc $? 0 "down"
out="$("$ATLAS" migrate status --url "$URL" --dir "$DIR" 2>&1)"
expect_contains "$out" "Current Version: 20240101000003" "status after down"
out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" 2>&1)"
expect_rc $? 0 "re-apply after down"

# migrate new adds an empty file and rehashes; migrate set marks files applied or removes revisions.
mkdir setdir
out="$("$ATLAS" migrate new users --dir file://setdir --version 1 2>&1)"
expect_rc $? 0 "new"
[[ -f setdir/1_users.sql && ! -s setdir/1_users.sql ]] || fail "new: empty setdir/1_users.sql expected"
printf 'CREATE TABLE users (id int);\n' > setdir/1_users.sql
printf 'CREATE TABLE pets (id int);\n' > setdir/2_pets.sql
"$ATLAS" migrate new --dir file://setdir --version 3 >/dev/null 2>&1 || fail "new without a name"
[[ -f setdir/3.sql ]] || fail "new without a name: setdir/3.sql expected"
grep -qF "3.sql h1:" setdir/atlas.sum || fail "new: atlas.sum lists the new file"
"$ATLAS" migrate hash --dir file://setdir
out="$("$ATLAS" migrate set 2 --url sqlite://set.db --dir file://setdir 2>&1)"
expect_rc $? 0 "set 2"
expect_output "$out" "Current version is 2 (2 set):

  + 1 (users)
  + 2 (pets)" "set 2"
out="$("$ATLAS" migrate status --url sqlite://set.db --dir file://setdir 2>&1)"
expect_contains "$out" "Current Version: 2" "status after set"
out="$("$ATLAS" migrate set 1 --url sqlite://set.db --dir file://setdir 2>&1)"
expect_output "$out" "Current version is 1 (1 removed):

  - 2 (pets)" "set 1"
out="$("$ATLAS" migrate set 9 --url sqlite://set.db --dir file://setdir 2>&1)"
expect_rc $? 1 "set to an unknown version"
expect_contains "$out" 'migration with version "9" not found' "set to an unknown version"
[[ -z "$(sqlite3 set.db "SELECT name FROM sqlite_master WHERE name IN ('users','pets')")" ]] ||
  fail "set must not run files"

# migrate diff writes the next file from a desired HCL schema through the dev database.
cat > desired.hcl <<'HCL'
schema "main" {}
table "users" {
  schema = schema.main
  column "id" {
    null = false
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
}
HCL
out="$("$ATLAS" migrate diff init --dir file://diffdir --to file://desired.hcl --dev-url "sqlite://dev?mode=memory" --version 1 2>&1)"
expect_rc $? 0 "diff init"
expect_output "$(cat diffdir/1_init.sql)" '-- Create "users" table
CREATE TABLE `users` (
  `id` integer NOT NULL,
  PRIMARY KEY (`id`)
);' "diff init file"
"$ATLAS" migrate validate --dir file://diffdir >/dev/null 2>&1 || fail "diff rewrites atlas.sum"
out="$("$ATLAS" migrate diff again --dir file://diffdir --to file://desired.hcl --dev-url "sqlite://dev?mode=memory" 2>&1)"
expect_output "$out" "The migration directory is synced with the desired state, no changes to be made" "diff in sync"

# migrate lint: each statement runs on the dev database and its changes are linted.
DEV="sqlite://dev?mode=memory"
mkdir lintdir
printf 'CREATE TABLE users (id int);\nCREATE TABLE pets (id int);\n' > lintdir/1_init.sql
printf 'CREATE TABLE toys (id int);\n\n-- drop it\nDROP TABLE pets;\n' > lintdir/2_drop.sql
"$ATLAS" migrate hash --dir file://lintdir || fail "hash lintdir"
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 1 "lint destructive"
expect_output "$out" 'Analyzing changes until version 2 (2 migrations in total):

  -- analyzing version 1
    -- no diagnostics found
  -- ok (DUR)

  -- analyzing version 2
    -- destructive changes detected:
      -- L4: Dropping table "pets" https://atlasgo.io/lint/analyzers#DS102
    -- suggested fix:
      -> Add a pre-migration check to ensure table "pets" is empty before dropping it
  -- ok (DUR)

  -------------------------
  -- DUR
  -- 1 version ok, 1 with errors
  -- 4 schema changes
  -- 1 diagnostic' "lint destructive"
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" --latest 1 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 1 "lint --latest 1"
expect_contains "$out" "Analyzing changes from version 1 to 2 (1 migration in total):" "lint --latest 1"
expect_contains "$out" '-- L4: Dropping table "pets"' "lint --latest 1"
expect_contains "$out" "-- 1 version with errors" "lint --latest 1"
# Atlas's JSON template: the SummaryReport (Env with the dev URL redacted, Steps, Files).
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" --format '{{ json . }}' 2>&1)"
expect_rc $? 1 "lint json"
python3 -c '
import json, sys
doc = json.loads(sys.argv[1])
assert doc["Env"]["Driver"] == "sqlite", doc["Env"]
assert doc["Env"]["Dir"] == "lintdir", doc["Env"]
assert [s["Name"] for s in doc["Steps"][:3]] == ["Migration Integrity Check", "Detect New Migration Files", "Replay Migration Files"], doc["Steps"]
assert doc["Steps"][1]["Text"] == "Found 2 new migration files (from 2 total)", doc["Steps"][1]
files = doc["Files"]
assert [f["Name"] for f in files] == ["1_init.sql", "2_drop.sql"], files
assert "Reports" not in files[0] and "Error" not in files[0], files[0]
assert files[1]["Text"].startswith("CREATE TABLE toys"), files[1]
assert files[1]["Error"] == "destructive changes detected", files[1]
r = files[1]["Reports"]
assert len(r) == 1 and r[0]["Text"] == "destructive changes detected", r
d = r[0]["Diagnostics"]
assert len(d) == 1 and d[0]["Code"] == "DS102" and d[0]["Text"] == "Dropping table \"pets\"", d
assert isinstance(d[0]["Pos"], int) and d[0]["Pos"] > 0, d
assert d[0]["SuggestedFixes"][0]["Message"].startswith("Add a pre-migration check"), d
' "$out" || fail "lint json shape: $out"
# Secrets never reach the JSON: the dev URL is redacted.
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "sqlite://$PWD/dev-secret.db?password=hunter2" --format json 2>&1)"
grep -qF hunter2 <<<"$out" && fail "dev url secret in lint json: $out"
# A project file configures the analyzers: `destructive { error = false }` makes the drop a warning
# (exit code 0); an unknown analyzer block is an error at its line:col.
cat > lint.hcl <<'HCL'
lint {
  destructive {
    error = false
  }
}
HCL
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" --config file://lint.hcl 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 0 "lint config error=false"
expect_contains "$out" "-- 1 version ok, 1 with warnings" "lint config error=false"
printf 'lint {\n  destructiv {\n    error = false\n  }\n}\n' > bad.hcl
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" --config file://bad.hcl 2>&1)"
[[ $? -ne 0 ]] || fail "unknown analyzer in --config must fail"
expect_contains "$out" 'no lint analyzer is named "destructiv"' "lint bad config"
expect_contains "$out" "bad.hcl:2:3" "lint bad config position"
# A file-level `-- atlas:nolint` silences the file; codes silence only those codes; a statement's
# own directive silences it.
printf -- '-- atlas:nolint\n\nDROP TABLE pets;\n' > lintdir/2_drop.sql
"$ATLAS" migrate hash --dir file://lintdir || fail "hash lintdir"
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" 2>&1 | mask)"
expect_rc "${PIPESTATUS[0]}" 0 "lint nolint file"
grep -qF "DS102" <<<"$out" && fail "nolint file still reported: $out"
# The ignored file is not listed (Atlas skips it), the total still counts it.
expect_contains "$out" "-- 1 version ok" "lint nolint file"
expect_contains "$out" "(2 migrations in total)" "lint nolint file"
printf -- '-- atlas:nolint DS102\n\nDROP TABLE pets;\n' > lintdir/2_drop.sql
"$ATLAS" migrate hash --dir file://lintdir || fail "hash lintdir"
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" 2>&1)"
expect_rc $? 0 "lint nolint code"
printf -- 'CREATE TABLE toys (id int);\n-- atlas:nolint destructive\nDROP TABLE pets;\nDROP TABLE users;\n' > lintdir/2_drop.sql
"$ATLAS" migrate hash --dir file://lintdir || fail "hash lintdir"
out="$("$ATLAS" migrate lint --dir file://lintdir --dev-url "$DEV" 2>&1)"
expect_rc $? 1 "lint nolint statement"
grep -qF 'Dropping table "pets"' <<<"$out" && fail "statement nolint ignored: $out"
expect_contains "$out" '-- L4: Dropping table "users"' "lint nolint statement"
out="$("$ATLAS" migrate lint --dir file://lintdir 2>&1)"
[[ $? -ne 0 ]] || fail "lint without --dev-url must fail"
expect_contains "$out" "dev-url" "lint without dev url"

# Bad flags and URLs: exit 1 with an error, never a password.
out="$("$ATLAS" migrate apply --url "$URL" --dir "$DIR" --tx-mode bogus 2>&1)"
expect_rc $? 1 "bad tx mode"
out="$("$ATLAS" migrate status --url "postgres://u:s3cret@127.0.0.1:1/db?connect_timeout=2" --dir "$DIR" 2>&1)"
expect_rc $? 1 "unreachable database"
grep -qF "s3cret" <<<"$out" && fail "password leaked: $out"
out="$("$ATLAS" migrate status --url sqlite://app.db --dir "$DIR" --revisions-schema other 2>&1)"
expect_rc $? 1 "revisions schema on SQLite"
expect_contains "$out" 'cannot store revisions-table in a separate schema ("other") with SQLite driver' "revisions schema on SQLite"

if [[ $failures -gt 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "migrate CLI: all checks passed"
