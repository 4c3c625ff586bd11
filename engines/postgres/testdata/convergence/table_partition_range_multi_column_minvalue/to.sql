CREATE TABLE readings (
    sensor integer NOT NULL,
    seq integer NOT NULL,
    reading real
) PARTITION BY RANGE (sensor, seq);
CREATE TABLE readings_low PARTITION OF readings FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, 0);
CREATE TABLE readings_high PARTITION OF readings FOR VALUES FROM (100, 0) TO (MAXVALUE, MAXVALUE);
