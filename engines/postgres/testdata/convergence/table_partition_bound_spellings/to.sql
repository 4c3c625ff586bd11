CREATE TABLE events (
    id bigint NOT NULL,
    happened timestamp NOT NULL,
    kind text NOT NULL
) PARTITION BY RANGE (happened);
CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (minvalue) TO ('2020-01-01');
CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01 00:00');
CREATE TABLE labels (code text NOT NULL, n integer) PARTITION BY LIST (code);
CREATE TABLE labels_digits PARTITION OF labels FOR VALUES IN (2, 1);
CREATE TABLE labels_other PARTITION OF labels DEFAULT;
CREATE TABLE stamps (at timestamptz NOT NULL, n integer NOT NULL) PARTITION BY RANGE (n, at);
CREATE TABLE stamps_a PARTITION OF stamps FOR VALUES FROM ('1', '2024-01-01') TO (10, '2024-06-01 12:00:00+00');
