CREATE TABLE misc (
    a uuid,
    b json,
    c jsonb,
    d bytea,
    e boolean,
    f xml,
    g point,
    h tstzrange,
    i int4range
);
