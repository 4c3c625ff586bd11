-- View options set and reset by ALTER VIEW, as history.
CREATE TABLE employees (id integer PRIMARY KEY, name text, email text);
CREATE VIEW employee_names WITH (security_barrier = true) AS SELECT id, name FROM employees;
CREATE VIEW employee_emails AS SELECT id, email FROM employees;
ALTER VIEW employee_emails SET (security_invoker = true, check_option = local);
ALTER VIEW employee_names RESET (security_barrier);
CREATE MATERIALIZED VIEW employee_count AS SELECT count(*) AS n FROM employees;
ALTER MATERIALIZED VIEW employee_count SET (fillfactor = 70);
