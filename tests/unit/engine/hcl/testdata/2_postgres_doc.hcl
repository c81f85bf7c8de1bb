# Atlas documentation style example (PostgreSQL).
schema "public" {
  comment = "standard public schema"
}

enum "status" {                      # PostgreSQL
  schema = schema.public
  values = ["active", "closed",]
}

table "users" {
  schema  = schema.public
  comment = "people"
  column "id" {
    null = false
    type = bigint
    identity {
      generated = BY_DEFAULT
    }
  }
  column "st" {
    null    = true
    type    = enum.status
    default = "active"
  }
  column "created" { type = timestamptz }
  primary_key { columns = [column.id] }
  index "users_lower" {
    on {
      expr = "lower((email)::text)"
      desc = true
    }
    where = "(st = 'active'::status)"
  }
  /* multi-line
     comment */
  foreign_key "self" {
    columns = [
      column.id,
    ]
    ref_columns = [table.public.users.column.id]
    on_delete   = SET_NULL
  }
}

view "active_users" {
  schema = schema.public
  column "id" {
    type = bigint
  }
  as = <<-SQL
    SELECT id
      FROM users
     WHERE st = 'active'
  SQL
  depends_on = [table.users]
}
