CREATE TABLE authors (id integer PRIMARY KEY, best_book integer);
CREATE TABLE books (id integer PRIMARY KEY, author integer REFERENCES authors);
ALTER TABLE authors ADD CONSTRAINT authors_best_book_fkey FOREIGN KEY (best_book) REFERENCES books;
CREATE TABLE keep (id integer);
