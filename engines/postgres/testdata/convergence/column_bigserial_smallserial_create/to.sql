CREATE TABLE counters (id bigserial PRIMARY KEY, slot smallserial);
