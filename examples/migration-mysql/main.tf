# Versioned migrations on MySQL/MariaDB: applies the files of ./migrations (checked against
# migrations/atlas.sum) up to `version` in the database of `url`, and reads the migration status
# with the data source. The revisions table `atlas_schema_revisions` is created in that database,
# as Atlas does. Run against a server of your own, e.g.
#   terraform apply -var 'url=mysql://root:pass@localhost:3306/app'
terraform {
  required_providers {
    atlas = {
      source  = "ariga/atlas"
      version = "0.1.0"
    }
  }
}

variable "url" {
  type      = string
  sensitive = true
  default   = "mysql://root:pass@localhost:3306/app"
}

provider "atlas" {}

data "atlas_migration" "app" {
  dir = "file://${abspath(path.module)}/migrations?format=atlas"
  url = var.url
}

resource "atlas_migration" "app" {
  dir     = "file://${abspath(path.module)}/migrations?format=atlas"
  url     = var.url
  version = "20240102000000"
}

output "status" {
  value = atlas_migration.app.status
}

output "latest" {
  value = data.atlas_migration.app.latest
}
