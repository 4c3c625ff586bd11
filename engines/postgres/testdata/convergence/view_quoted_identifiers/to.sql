CREATE TABLE "Order Lines" ("Line Id" integer PRIMARY KEY, "Qty" integer NOT NULL, "order" integer);
CREATE VIEW "Big Lines" AS SELECT "Line Id", "Qty", "order" FROM "Order Lines" WHERE "Qty" > 10;
