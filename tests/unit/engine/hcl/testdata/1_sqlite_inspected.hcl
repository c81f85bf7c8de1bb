table "users" {
  schema = schema.main
  column "id" {
    null           = false
    type           = integer
    auto_increment = true
  }
  column "email" {
    null = false
    type = varchar(255)
  }
  column "created_at" {
    null    = true
    type    = datetime
    default = sql("CURRENT_TIMESTAMP")
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email" {
    unique  = true
    columns = [column.email]
  }
}
table "posts" {
  schema = schema.main
  column "id" {
    null = false
    type = integer
  }
  column "author_id" {
    null = true
    type = integer
  }
  column "score" {
    null    = false
    type    = decimal(10,2)
    default = -1.5
  }
  foreign_key "posts_author" {
    columns     = [column.author_id]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = CASCADE
  }
  check "score_positive" {
    expr = "(score > -100)"
  }
}
schema "main" {
}
