CREATE SCHEMA app;
CREATE SCHEMA stats;
CREATE TABLE app.items (id int, kind text, color text);
CREATE STATISTICS stats.items_kind_color ON kind, color FROM app.items;
