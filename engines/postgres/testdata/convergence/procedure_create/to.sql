CREATE TABLE jobs (id integer PRIMARY KEY, done boolean NOT NULL DEFAULT false);
CREATE PROCEDURE purge_done()
    LANGUAGE sql
    AS $$ DELETE FROM jobs WHERE done $$;
