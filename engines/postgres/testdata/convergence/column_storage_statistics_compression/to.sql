-- pg_dump writes these as ALTER TABLE ... ALTER COLUMN after the table.
CREATE TABLE docs (id int PRIMARY KEY, body text COMPRESSION pglz, meta jsonb, amount numeric, n integer, extra text);
ALTER TABLE ONLY docs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE ONLY docs ALTER COLUMN id SET STATISTICS 1000;
ALTER TABLE docs ALTER COLUMN extra SET STORAGE MAIN, ALTER COLUMN extra SET COMPRESSION pglz;
