CREATE TABLE users (
  id bigint NOT NULL AUTO_INCREMENT,
  name varchar(100) NOT NULL,
  name_lower varchar(100) NULL,
  PRIMARY KEY (id)
) CHARSET utf8mb4 COLLATE utf8mb4_bin;
