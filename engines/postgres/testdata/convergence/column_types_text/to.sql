CREATE TABLE texts (
    a text,
    b varchar(20),
    c varchar,
    d char(3),
    e character(1),
    f "char",
    g name
);
