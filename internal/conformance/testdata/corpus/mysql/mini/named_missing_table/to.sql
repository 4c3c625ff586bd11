CREATE VIEW v AS SELECT id FROM mysql.no_such_table;
