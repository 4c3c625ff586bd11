CREATE TABLE events (
    id integer PRIMARY KEY,
    "order" integer,
    "user" text,
    "select" boolean,
    "group" varchar(10),
    "default" text DEFAULT 'x'
);
