CREATE TABLE codes (code text COLLATE "C" NOT NULL, label varchar(40) COLLATE "C");
