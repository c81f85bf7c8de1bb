variable "prefix" {
  type    = string
  default = "app"
}

variable "name_size" {
  type    = number
  default = 64
}

locals {
  users   = "${local.base}_users"
  base    = var.prefix
  comment = format("managed by %s", upper(var.prefix))
}

schema "main" {
  comment = local.comment
}

table "accounts" {
  schema  = schema.main
  comment = "${local.users} table"
  column "name" {
    type    = varchar(var.name_size * 2)
    default = var.prefix
  }
  column "kind" {
    type    = text
    default = var.prefix == "app" ? "internal" : "external"
  }
}
