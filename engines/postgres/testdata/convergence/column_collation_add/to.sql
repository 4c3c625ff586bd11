CREATE TABLE codes (code text COLLATE "C" NOT NULL);
