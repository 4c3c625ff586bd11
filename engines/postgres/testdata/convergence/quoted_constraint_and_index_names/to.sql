CREATE TABLE "Invoices" (
    "Id" integer CONSTRAINT "PK_Invoices" PRIMARY KEY,
    "Total" numeric CONSTRAINT "CK_Invoices_Total" CHECK ("Total" >= 0)
);
CREATE INDEX "IX Invoices Total" ON "Invoices" ("Total" DESC);
