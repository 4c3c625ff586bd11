CREATE TABLE users (
    id integer NOT NULL,
    email text NOT NULL,
    created_at timestamp with time zone
);
