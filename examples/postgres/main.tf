# Declarative schema management of a PostgreSQL database.
# Needs a running PostgreSQL server with two databases: the target ("app") and an empty dev
# database ("dev") that the provider uses to normalize the desired schema (it is wiped on every use).
terraform {
  required_providers {
    atlas = {
      source  = "ariga/atlas"
      version = "0.1.0"
    }
  }
}

variable "database_url" {
  type        = string
  sensitive   = true
  description = "Target database, e.g. postgres://app:pass@localhost:5432/app?sslmode=disable"
}

variable "dev_database_url" {
  type        = string
  sensitive   = true
  description = "Empty dev database on the same server version, e.g. postgres://app:pass@localhost:5432/dev?sslmode=disable"
}

provider "atlas" {
  dev_url = var.dev_database_url
}

# Normalize the HCL through the dev database so the resource's hcl matches what inspection prints.
data "atlas_schema" "app" {
  src = "file://${path.module}/schema.hcl"
}

resource "atlas_schema" "app" {
  hcl = data.atlas_schema.app.hcl
  url = var.database_url
  # Add "&search_path=public" to both URLs to manage only the public schema (schema-bound).

  diff {
    concurrent_index {
      create = true
      drop   = true
    }
  }
}
