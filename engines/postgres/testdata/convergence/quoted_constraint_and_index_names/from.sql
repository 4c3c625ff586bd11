CREATE TABLE "Invoices" ("Id" integer, "Total" numeric);
