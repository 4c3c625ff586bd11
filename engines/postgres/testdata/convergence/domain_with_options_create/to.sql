CREATE DOMAIN us_zip AS varchar(10) COLLATE "C" DEFAULT '00000' NOT NULL
    CONSTRAINT us_zip_format CHECK (VALUE ~ '^[0-9]{5}(-[0-9]{4})?$');
