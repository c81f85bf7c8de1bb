# Versioned migrations on an embedded SQLite database: applies the files of ./migrations (checked
# against migrations/atlas.sum) up to `version`, and reads the migration status with the data source.
terraform {
  required_providers {
    atlas = {
      source  = "ariga/atlas"
      version = "0.1.0"
    }
  }
}

provider "atlas" {}

data "atlas_migration" "app" {
  dir = "file://${abspath(path.module)}/migrations?format=atlas"
  url = "sqlite://${abspath(path.module)}/app.db"
}

resource "atlas_migration" "app" {
  dir     = "file://${abspath(path.module)}/migrations?format=atlas"
  url     = "sqlite://${abspath(path.module)}/app.db"
  version = "20240102000000"
}

output "status" {
  value = atlas_migration.app.status
}

output "latest" {
  value = data.atlas_migration.app.latest
}
