CREATE TABLE settings (
    id integer PRIMARY KEY,
    note text,
    enabled boolean DEFAULT true,
    retries integer DEFAULT 3,
    label text
);
