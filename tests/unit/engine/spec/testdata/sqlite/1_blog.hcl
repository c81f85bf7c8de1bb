# A small blog schema, written the way people write it (out of order, comments, odd spacing).
table "posts" {
  schema = schema.main
  column "id" {
    type = integer
    auto_increment = true
  }
  column "author_id" {
    type = integer
    null = true
  }
  column "title" {
    type    = varchar(255)
    default = "untitled"
  }
  column "score" {
    type = decimal(10, 2)
    default = 1.50
  }
  column "published" {
    type    = boolean
    default = false
  }
  column "created_at" {
    type    = datetime
    default = sql("CURRENT_TIMESTAMP")
  }
  primary_key { columns = [column.id] }
  index "posts_title_created" {
    on {
      column = column.title
    }
    on {
      desc   = true
      column = column.created_at
    }
  }
  index "posts_author" {
    columns = [column.author_id]
    where   = "author_id IS NOT NULL"
  }
  foreign_key "posts_author_fk" {
    columns     = [column.author_id]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
  check "score_range" {
    expr = "score >= 0"
  }
}

/* users come second in the file but first in the output */
table "users" {
  schema = schema.main
  column "id" {
    null = false
    type = integer
  }
  column "email" {
    type = text
  }
  column "name" {
    type = sql("VARCHAR(100)")
    null = true
  }
  column "nick" {
    type    = varchar(20)
    default = "42"
  }
  column "lower_email" {
    type = text
    as   = "lower(email)"
  }
  column "domain" {
    type = text
    as {
      expr = "substr(email, instr(email, '@') + 1)"
      type = STORED
    }
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email" {
    unique  = true
    columns = [column.email]
  }
  index "users_lower" {
    on {
      expr = "lower(name)"
    }
  }
  strict = true
}

schema "main" {}
