CREATE SCHEMA shop;
CREATE TABLE shop.products (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku varchar(64) NOT NULL UNIQUE,
    name text NOT NULL,
    price numeric(12,4) NOT NULL CHECK (price >= 0),
    stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    discontinued boolean NOT NULL DEFAULT false
);
CREATE TABLE shop.customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    country char(2) NOT NULL DEFAULT 'DE',
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX customers_email_lower_idx ON shop.customers (lower(email));
CREATE TYPE shop.order_state AS ENUM ('cart', 'placed', 'paid', 'packed', 'shipped', 'cancelled');
CREATE TABLE shop.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers (id),
    state shop.order_state NOT NULL DEFAULT 'cart',
    placed_at timestamptz
);
CREATE INDEX orders_open_idx ON shop.orders (customer_id) WHERE state IN ('cart', 'placed');
CREATE TABLE shop.order_lines (
    order_id bigint NOT NULL REFERENCES shop.orders (id) ON DELETE CASCADE,
    line_no smallint NOT NULL,
    product_id bigint NOT NULL REFERENCES shop.products (id),
    qty integer NOT NULL CHECK (qty > 0),
    unit_price numeric(12,4) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product_id_idx ON shop.order_lines (product_id);
CREATE VIEW shop.order_totals AS
    SELECT order_id, sum(qty * unit_price) AS total, count(*) AS lines FROM shop.order_lines GROUP BY order_id;
