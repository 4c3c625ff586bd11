CREATE DOMAIN email AS text CONSTRAINT email_has_at CHECK (VALUE LIKE '%_@_%');
CREATE TABLE subscribers (id integer PRIMARY KEY, address email NOT NULL UNIQUE);
