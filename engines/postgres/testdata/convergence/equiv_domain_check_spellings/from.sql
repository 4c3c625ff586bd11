CREATE DOMAIN status AS varchar(10) DEFAULT 'new' CHECK (VALUE IN ('new', 'done')) CHECK (length(VALUE) > 1);
