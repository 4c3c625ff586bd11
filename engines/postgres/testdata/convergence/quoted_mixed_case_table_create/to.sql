CREATE TABLE "UserAccounts" (
    "Id" bigint PRIMARY KEY,
    "EmailAddress" text NOT NULL,
    "isActive" boolean DEFAULT true
);
CREATE INDEX "IX_UserAccounts_Email" ON "UserAccounts" ("EmailAddress");
