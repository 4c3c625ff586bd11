CREATE TABLE employees (id integer PRIMARY KEY, name text, email text);
CREATE VIEW employee_names WITH (security_barrier = true) AS SELECT id, name FROM employees;
