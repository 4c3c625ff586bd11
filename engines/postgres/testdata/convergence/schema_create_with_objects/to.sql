CREATE SCHEMA billing;
CREATE TABLE billing.invoices (
    id bigint PRIMARY KEY,
    total numeric(12,2) NOT NULL
);
CREATE SEQUENCE billing.invoice_numbers;
CREATE VIEW billing.big_invoices AS SELECT id, total FROM billing.invoices WHERE total > 1000;
