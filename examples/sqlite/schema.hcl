schema "main" {
}

table "users" {
  schema = schema.main
  column "id" {
    null           = false
    type           = integer
    auto_increment = true
  }
  column "email" {
    null = false
    type = text
  }
  column "name" {
    null = true
    type = text
  }
  column "created_at" {
    null    = false
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
    null = false
    type = integer
  }
  column "title" {
    null    = false
    type    = text
    default = "untitled"
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "author" {
    columns     = [column.author_id]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = CASCADE
  }
  index "posts_author_id" {
    columns = [column.author_id]
  }
}
