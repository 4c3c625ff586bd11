CREATE TABLE authors (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id),
    title text NOT NULL
);
CREATE TABLE reviews (
    id integer PRIMARY KEY,
    book_id integer NOT NULL REFERENCES books (id),
    stars smallint NOT NULL
);
