CREATE TYPE money_amount AS (amount numeric(12,2), currency char(3));
CREATE TABLE invoices (id integer PRIMARY KEY, total money_amount, lines money_amount[]);
