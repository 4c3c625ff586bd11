CREATE TABLE "Customers" ("Id" integer PRIMARY KEY, "FirstName" text, "lastName" text NOT NULL DEFAULT '');
