CREATE SEQUENCE visits_n_seq;
CREATE TABLE visits (n integer NOT NULL DEFAULT nextval('visits_n_seq'), day date NOT NULL);
CREATE INDEX visits_day ON visits (day);
