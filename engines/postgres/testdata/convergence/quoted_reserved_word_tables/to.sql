CREATE TABLE "user" (id integer PRIMARY KEY, "name" text);
CREATE TABLE "order" (id integer PRIMARY KEY, "user" integer REFERENCES "user" (id), "limit" integer CHECK ("limit" > 0));
CREATE TABLE "table" ("column" text, "check" boolean);
CREATE INDEX order_user_idx ON "order" ("user");
CREATE VIEW "select" AS SELECT "user", "limit" FROM "order";
