-- The parent gains a column and loses one while measurement_2006_03 leaves it as a
-- table with the old columns, measurement_2006_04 without unitsales;
-- measurement_2006_05 joins it and gains the new column.
CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, peaktemp int, extra text) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_2006_02 PARTITION OF measurement FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');
CREATE TABLE measurement_2006_03 (city_id int NOT NULL, logdate date NOT NULL, peaktemp int, unitsales int);
CREATE TABLE measurement_2006_04 (city_id int NOT NULL, logdate date NOT NULL, peaktemp int);
CREATE TABLE measurement_2006_05 PARTITION OF measurement FOR VALUES FROM ('2006-05-01') TO ('2006-06-01');
