CREATE TABLE "Customers" ("Id" integer PRIMARY KEY);
