CREATE TABLE "Mixed" ("id" NUMBER);
