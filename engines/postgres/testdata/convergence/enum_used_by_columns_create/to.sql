CREATE TYPE currency AS ENUM ('EUR', 'USD', 'GBP');
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric(12,2) NOT NULL, currency currency NOT NULL DEFAULT 'EUR');
CREATE TABLE accepted (shop integer PRIMARY KEY, currencies currency[] NOT NULL DEFAULT '{EUR}');
