CREATE TABLE articles (
    id integer PRIMARY KEY,
    title text NOT NULL,
    body text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED
);
