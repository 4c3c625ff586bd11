-- MariaDB widens a VARCHAR and changes a table comment instantly, but not in one ALTER.
CREATE TABLE items (id int PRIMARY KEY, name varchar(150) NOT NULL COMMENT 'Full name', qty int COMMENT 'Quantity') COMMENT '';
