schema "main" {
}
table "types" {
  schema = schema.main
  column "c_int" { type = int }
  column "c_int11" { type = int(11) }
  column "c_bigint" { type = bigint }
  column "c_ubig" { type = unsigned_big_int }
  column "c_uint64" { type = uint64 }
  column "c_real" { type = real }
  column "c_double" { type = double_precision }
  column "c_float" { type = float(10) }
  column "c_numeric" { type = numeric }
  column "c_dec10" { type = decimal(10) }
  column "c_dec10_0" { type = decimal(10, 0) }
  column "c_char" { type = character(10) }
  column "c_vchar" { type = varying_character(30) }
  column "c_native" { type = native_character(70) }
  column "c_nvarchar" { type = nvarchar(100) }
  column "c_clob" { type = clob }
  column "c_text10" { type = text(10) }
  column "c_blob" { type = blob }
  column "c_bool" { type = bool }
  column "c_date" { type = date }
  column "c_json" { type = json }
  column "c_uuid" { type = uuid }
  column "c_ts" { type = sql("timestamp") }
  column "c_time" { type = sql("TIME") }
  column "c_rawchar" { type = sql("char(36)") }
  column "c_user" { type = sql("USER_DEFINED") }
  column "c_money" { type = sql("Money(10)") }
  column "c_empty" { type = sql("") }
  column "c_ident" { type = my_type }
  column "c_num_default" {
    type    = text
    default = 10
  }
  column "c_neg" {
    type    = integer
    default = -5
  }
  column "c_hex" {
    type    = blob
    default = sql("x'00ff'")
  }
  column "c_quote" {
    type    = text
    default = "it's \"quoted\"\n${"$"}{x}"
  }
}
