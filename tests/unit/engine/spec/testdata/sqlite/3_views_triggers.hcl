schema "main" {}

table "orders" {
  schema = schema.main
  column "id" {
    null = false
    type = integer
  }
  column "amount" {
    null = false
    type = real
  }
  primary_key {
    columns = [column.id]
  }
}

table "audit" {
  schema = schema.main
  column "order_id" {
    null = false
    type = integer
  }
  column "note" {
    null = true
    type = text
  }
}

view "big_orders" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  as = <<-SQL
    SELECT id
      FROM orders
     WHERE amount > 100
  SQL
  depends_on = [table.orders]
}

view "one_line" {
  schema = schema.main
  as     = "SELECT 1 AS x"
}

trigger "orders_audit" {
  on = table.orders
  after {
    insert = true
  }
  as = <<-SQL
    BEGIN
      INSERT INTO audit (order_id, note) VALUES (NEW.id, 'new');
    END
  SQL
}

trigger "orders_amount" {
  on = table.orders
  before {
    update_of = [table.orders.column.amount]
  }
  for  = ROW
  when = "NEW.amount < 0"
  as   = "BEGIN SELECT RAISE(ABORT, 'negative'); END"
}

trigger "raw_trigger" {
  on = table.audit
  as = "CREATE TRIGGER raw_trigger AFTER DELETE ON audit BEGIN SELECT 1; END"
}
