-- MariaDB drops an index over a virtual column online only in an ALTER
-- that rebuilds nothing.
CREATE TABLE products (
    id int PRIMARY KEY,
    name varchar(100),
    price decimal(10,2),
    tax_rate decimal(5,2),
    name_upper varchar(100) AS (upper(name)) VIRTUAL
);
