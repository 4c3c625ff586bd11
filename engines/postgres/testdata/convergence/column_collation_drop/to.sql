CREATE TABLE codes (code text NOT NULL);
