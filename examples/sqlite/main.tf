# Declarative schema management of an embedded SQLite database.
# Run it with ./scripts/run-example.sh (installs a locally built provider into a filesystem mirror).
terraform {
  required_providers {
    atlas = {
      source  = "ariga/atlas"
      version = "0.1.0"
    }
  }
}

provider "atlas" {
  # A dev database normalizes the desired schema; SQLite's is in memory.
  dev_url = "sqlite://dev?mode=memory"
}

# Normalize the HCL so that whitespace or comment edits in schema.hcl never cause a diff.
data "atlas_schema" "app" {
  src = "file://${path.module}/schema.hcl"
}

resource "atlas_schema" "app" {
  hcl = data.atlas_schema.app.hcl
  url = "sqlite://${abspath(path.module)}/app.db"
}

output "schema_id" {
  value = data.atlas_schema.app.id
}
