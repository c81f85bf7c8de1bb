schema "public" {
  comment = "standard public schema"
}

extension "pg_trgm" {
  schema = schema.public
}

enum "status" {
  schema = schema.public
  values = ["active", "suspended", "closed"]
}

sequence "invoice_number" {
  schema    = schema.public
  start     = 1000
  increment = 1
}

table "users" {
  schema  = schema.public
  comment = "people who can sign in"
  column "id" {
    type = bigint
    identity {
      generated = ALWAYS
    }
  }
  column "email" {
    type    = varchar(255)
    comment = "login name"
  }
  column "status" {
    type    = enum.status
    default = "active"
  }
  column "tags" {
    type = sql("text[]")
    null = true
  }
  column "created_at" {
    type    = timestamptz(3)
    default = sql("now()")
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email_key" {
    unique  = true
    columns = [column.email]
  }
  index "users_tags_idx" {
    type    = GIN
    columns = [column.tags]
  }
  index "users_lower_email_idx" {
    on {
      expr = "lower((email)::text)"
    }
    where = "status = 'active'"
  }
}

table "orders" {
  schema = schema.public
  column "id" {
    type = bigserial
  }
  column "user_id" {
    type = bigint
  }
  column "total" {
    type    = numeric(10, 2)
    default = 0
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "orders_user_id_fkey" {
    columns     = [column.user_id]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
  index "orders_user_id_idx" {
    columns = [column.user_id]
    include = [column.total]
  }
  check "total_not_negative" {
    expr = "total >= 0"
  }
}

view "active_users" {
  schema = schema.public
  column "id" {
    type = bigint
  }
  column "email" {
    type = varchar(255)
  }
  as         = "SELECT id, email FROM users WHERE status = 'active'"
  depends_on = [table.users]
}

materialized "order_totals" {
  schema = schema.public
  column "user_id" {
    type = bigint
  }
  column "total" {
    type = numeric
  }
  as         = "SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id"
  depends_on = [table.orders]
}
