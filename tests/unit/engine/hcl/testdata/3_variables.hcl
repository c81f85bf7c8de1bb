variable "tenant" {
  type    = string
  default = "acme"
}

locals {
  prefix = "${var.tenant}_"
  tags   = { owner = "team-${var.tenant}", "env": "prod" }
  sizes  = [1, 2.5, 1e3]
}

table "items" {
  schema = schema[var.tenant]
  column "name" {
    type = varchar(local.sizes[0] * 255)
    comment = format("%s items", upper(var.tenant))
  }
  column "kind" {
    type = enum("a", "b", "c")
    default = var.tenant == "acme" ? "a" : "b"
  }
}
