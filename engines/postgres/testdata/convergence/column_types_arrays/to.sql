CREATE TABLE arrays (
    a integer[],
    b text[],
    c integer[][],
    d varchar(10)[],
    e numeric(6,2)[],
    f timestamptz[],
    g uuid[],
    h jsonb[]
);
