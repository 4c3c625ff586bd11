CREATE TABLE numbers (
    a smallint,
    b integer,
    c bigint,
    d numeric(10,2),
    e numeric,
    f numeric(5),
    g real,
    h double precision,
    i money
);
