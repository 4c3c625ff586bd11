CREATE TABLE settings (
    id integer PRIMARY KEY,
    note text DEFAULT NULL::text,
    enabled boolean DEFAULT 'yes',
    retries integer DEFAULT '3',
    label text DEFAULT NULL
);
