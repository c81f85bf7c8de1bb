#!/usr/bin/env bash
# Runs one example directory end to end against a built tree:
#   scripts/example.sh <build-dir> <example-dir>
# Through `terraform` when it is on PATH (the provider is installed into a local filesystem mirror),
# otherwise through the `atlas` CLI against the same files (set ATLAS_EXAMPLE_FORCE_CLI=1 to force it).
# Prints the planned SQL, applies it (SQLite examples: to a fresh file; server examples: to the databases
# given as TF_VAR_* variables), and fails unless a second run has no changes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="$(cd "${1:?build dir}" && pwd)"
EXAMPLE="$(cd "${2:?example dir}" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -R "$EXAMPLE"/. "$WORK"/
rm -rf "$WORK"/.terraform "$WORK"/.terraform.lock.hcl "$WORK"/terraform.tfstate* "$WORK"/*.db

if [ -n "${ATLAS_EXAMPLE_REQUIRE_TERRAFORM:-}" ] && ! command -v terraform >/dev/null 2>&1; then
  echo "SKIP: terraform is not on PATH; the example runs through the atlas CLI in another test" >&2
  exit 77
fi

if command -v terraform >/dev/null 2>&1 && [ -z "${ATLAS_EXAMPLE_FORCE_CLI:-}" ]; then
  echo "== terraform found: $(terraform version | head -1); installing the provider into a filesystem mirror"
  MIRROR="$WORK/mirror"
  cmake --install "$BUILD_DIR" --prefix "$MIRROR" >/dev/null
  cat > "$WORK/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/ariga/atlas"]
  }
  direct {
    exclude = ["registry.terraform.io/ariga/atlas"]
  }
}
RC
  export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
  export TF_IN_AUTOMATION=1
  cd "$WORK"
  terraform init -input=false -no-color >/dev/null
  echo "== terraform plan (the SQL below is exactly what apply runs)"
  terraform plan -input=false -no-color -out=tfplan
  echo "== terraform apply"
  terraform apply -input=false -no-color tfplan
  echo "== second run: expecting no changes"
  set +e
  terraform plan -input=false -no-color -detailed-exitcode
  code=$?
  set -e
  if [ "$code" -ne 0 ]; then
    echo "second plan was not empty (exit $code)" >&2
    exit 1
  fi
  if [ -f "$WORK/app.db" ]; then
    echo "== tables in app.db:"
    sqlite3 "$WORK/app.db" ".tables"
  fi
else
  echo "== terraform not on PATH: running the same files through the atlas CLI"
  ATLAS="$BUILD_DIR/cli/atlas"
  URL="sqlite://$WORK/app.db"
  if [ -d "$WORK/migrations" ]; then
    DIR="file://$WORK/migrations"
    echo "== atlas migrate status"
    "$ATLAS" migrate status --dir "$DIR" --url "$URL"
    echo "== atlas migrate apply"
    "$ATLAS" migrate apply --dir "$DIR" --url "$URL"
    echo "== second run: expecting no pending files"
    out="$("$ATLAS" migrate apply --dir "$DIR" --url "$URL")"
    echo "$out"
    echo "$out" | grep -q "No migration files to execute"
    echo "== done"
    exit 0
  fi
  echo "== atlas schema apply --dry-run (planned SQL)"
  "$ATLAS" schema apply --url "$URL" --to "file://$WORK/schema.hcl" --dev-url "sqlite://dev?mode=memory" --dry-run
  echo "== atlas schema apply"
  "$ATLAS" schema apply --url "$URL" --to "file://$WORK/schema.hcl" --dev-url "sqlite://dev?mode=memory" --auto-approve
  echo "== second run: expecting no changes"
  out="$("$ATLAS" schema apply --url "$URL" --to "file://$WORK/schema.hcl" --dev-url "sqlite://dev?mode=memory" --auto-approve)"
  echo "$out"
  echo "$out" | grep -q "Schema is synced, no changes to be made"
fi
echo "== done"
