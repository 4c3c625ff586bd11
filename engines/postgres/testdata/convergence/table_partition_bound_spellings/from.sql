CREATE TABLE events (
    id bigint NOT NULL,
    happened timestamp NOT NULL,
    kind text NOT NULL
) PARTITION BY RANGE (happened);
