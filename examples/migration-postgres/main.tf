# Versioned migrations on PostgreSQL: applies the files of ./migrations (checked against
# migrations/atlas.sum) up to `version` and reads the status with the data source. The revisions
# table `atlas_schema_revisions` is created in the schema of the URL's search_path, as Atlas does.
# Moving `version` backwards is a down migration: it is planned on the dev database and allowed by
# protected_flows below. Run against a server of your own, e.g.
#   terraform apply -var 'url=postgres://app:pass@localhost:5432/app?search_path=public&sslmode=disable' \
#                   -var 'dev_url=postgres://app:pass@localhost:5432/dev?sslmode=disable'
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
  default   = "postgres://app:pass@localhost:5432/app?search_path=public&sslmode=disable"
}

variable "dev_url" {
  type      = string
  sensitive = true
  default   = "postgres://app:pass@localhost:5432/dev?sslmode=disable"
}

variable "version_to_apply" {
  type    = string
  default = "20240103000000"
}

provider "atlas" {
  dev_url = var.dev_url
}

data "atlas_migration" "app" {
  dir = "file://${abspath(path.module)}/migrations?format=atlas"
  url = var.url
}

resource "atlas_migration" "app" {
  dir     = "file://${abspath(path.module)}/migrations?format=atlas"
  url     = var.url
  version = var.version_to_apply

  protected_flows {
    migrate_down {
      allow        = true
      auto_approve = true
    }
  }
}

output "status" {
  value = atlas_migration.app.status
}

output "latest" {
  value = data.atlas_migration.app.latest
}
