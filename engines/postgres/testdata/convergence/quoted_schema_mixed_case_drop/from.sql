CREATE SCHEMA "Sales";
CREATE TABLE "Sales"."Leads" ("Id" integer PRIMARY KEY);
