#!/usr/bin/env bash
# `atlas schema ...` end to end on SQLite files: output formats, exit codes, errors, redaction.
# Usage: schema_cli_test.sh <path to the atlas binary>
set -uo pipefail
ATLAS="$1"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
DEV="sqlite://dev?mode=memory"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_contains() { grep -qF -- "$2" <<<"$1" || fail "$3: expected output to contain [$2], got:\n$1"; }

cat > schema.hcl <<'HCL'
schema "main" {}
table "users" {
  schema = schema.main
  column "id" {
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
}
table "posts" {
  schema = schema.main
  column "id" {
    type = integer
  }
  column "author" {
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "author" {
    columns     = [column.author]
    ref_columns = [table.users.column.id]
  }
}
HCL

out="$("$ATLAS" schema apply --url sqlite://app.db --to file://schema.hcl --dev-url "$DEV" --dry-run 2>&1)"
rc=$?
[[ $rc -eq 0 ]] || fail "dry-run exit $rc"
expect_contains "$out" "-- Planned Changes:" "dry-run header"
# Referenced table first.
first="$(grep -m1 '^CREATE TABLE' <<<"$out")"
[[ "$first" == 'CREATE TABLE `users`'* ]] || fail "users must be created before posts, got: $first"
[[ ! -s app.db ]] || [[ "$(sqlite3 app.db .tables 2>/dev/null)" == "" ]] || fail "dry-run changed the database"

out="$("$ATLAS" schema apply --url sqlite://app.db --to file://schema.hcl --dev-url "$DEV" --auto-approve 2>&1)"
rc=$?
[[ $rc -eq 0 ]] || fail "apply exit $rc: $out"

out="$("$ATLAS" schema apply --url sqlite://app.db --to file://schema.hcl --dev-url "$DEV" --auto-approve 2>&1)"
expect_contains "$out" "Schema is synced, no changes to be made" "second apply"

out="$("$ATLAS" schema diff --from sqlite://app.db --to file://schema.hcl --dev-url "$DEV" 2>&1)"
expect_contains "$out" "Schemas are synced, no changes to be made." "diff after apply"

out="$("$ATLAS" schema inspect --url sqlite://app.db 2>&1)"
expect_contains "$out" 'table "posts" {' "inspect hcl"
out="$("$ATLAS" schema inspect --url sqlite://app.db --format sql 2>&1)"
expect_contains "$out" 'CREATE TABLE `users`' "inspect sql"

# The analysis is printed after the planned changes: dropping "posts" (it holds no rows here) is a
# destructive change, an error under `lint { review = ERROR }` of a project file, which then refuses
# to apply; without the policy the apply goes on.
python3 - <<'PY'
import re
s = open("schema.hcl").read()
s = s[:s.index('table "posts"')]
open("dropped.hcl", "w").write(s)
PY
out="$("$ATLAS" schema apply --url sqlite://app.db --to file://dropped.hcl --dev-url "$DEV" --dry-run 2>&1)"
[[ $? -eq 0 ]] || fail "dry-run with lint findings must succeed: $out"
expect_contains "$out" "Analyzing planned statements (3 statements in total):" "schema apply lint header"
expect_contains "$out" "  -- destructive changes detected:" "schema apply lint report"
expect_contains "$out" '    -- L5: Dropping table "posts" https://atlasgo.io/lint/analyzers#DS102' "schema apply lint finding"
expect_contains "$out" '    -> Add a pre-migration check to ensure table "posts" is empty before dropping it' "schema apply lint fix"
printf 'lint {\n  review = "ERROR"\n}\n' > review.hcl
out="$("$ATLAS" schema apply --url sqlite://app.db --to file://dropped.hcl --dev-url "$DEV" --auto-approve --config file://review.hcl 2>&1)"
[[ $? -ne 0 ]] || fail "review ERROR must refuse a destructive apply"
expect_contains "$out" "lint review ERROR: destructive changes detected; nothing was applied" "schema apply review"
[[ "$(sqlite3 app.db "SELECT count(*) FROM sqlite_master WHERE name = 'posts'")" == "1" ]] || fail "refused apply dropped the table"
printf 'lint {\n  review = "ERROR"\n  destructive {\n    error = false\n  }\n}\n' > review.hcl
out="$("$ATLAS" schema apply --url sqlite://app.db --to file://dropped.hcl --dev-url "$DEV" --dry-run --config file://review.hcl 2>&1)"
[[ $? -eq 0 ]] || fail "review ERROR with destructive as warnings must pass: $out"

printf 'table "x" {\n  schema = \n}\n' > bad.hcl
out="$("$ATLAS" schema apply --url sqlite://app.db --to file://bad.hcl --dev-url "$DEV" --auto-approve 2>&1)"
rc=$?
[[ $rc -ne 0 ]] || fail "bad HCL must exit non-zero"
expect_contains "$out" "bad.hcl:2:12:" "bad HCL position"

out="$("$ATLAS" schema inspect --url 'postgres://u:Sup3rSecretPw@127.0.0.1:1/db?sslmode=disable' 2>&1)"
rc=$?
[[ $rc -ne 0 ]] || fail "unreachable server must exit non-zero"
grep -q "Sup3rSecretPw" <<<"$out" && fail "password leaked: $out"

cp schema.hcl fmt.hcl
"$ATLAS" schema fmt fmt.hcl >/dev/null 2>&1 || fail "fmt exit"
cp fmt.hcl fmt2.hcl
"$ATLAS" schema fmt fmt2.hcl >/dev/null 2>&1
cmp -s fmt.hcl fmt2.hcl || fail "fmt is not idempotent"

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "schema CLI: all checks passed"
