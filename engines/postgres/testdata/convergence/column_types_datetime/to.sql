CREATE TABLE times (
    a date,
    b time,
    c timetz,
    d time(3),
    e timestamp(3),
    f timestamp,
    g timestamptz,
    h timestamptz(0),
    i interval,
    j interval day to second,
    k interval(2)
);
