CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."my table" ("a b" integer, "c-d" text, "e""f" text, PRIMARY KEY ("a b"));
CREATE SEQUENCE "My Schema"."my seq";
COMMENT ON TABLE "My Schema"."my table" IS 'spaces';
