CREATE TABLE "Order Lines" (
  "Qty" NUMBER,
  "LEVEL" NUMBER(2),
  "note" VARCHAR2(10),
  CONSTRAINT "Qty_Positive" CHECK ("Qty" > 0)
);
COMMENT ON COLUMN "Order Lines"."note" IS 'lower-case name';
