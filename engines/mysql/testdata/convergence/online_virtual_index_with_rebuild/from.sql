CREATE TABLE products (
    id int PRIMARY KEY,
    name varchar(100),
    price decimal(10,2),
    tax_rate decimal(5,2),
    price_with_tax decimal(10,2) AS (price * (1 + tax_rate / 100)) STORED,
    name_upper varchar(100) AS (upper(name)) VIRTUAL,
    KEY idx_price_with_tax (price_with_tax),
    KEY idx_name_upper (name_upper)
);
