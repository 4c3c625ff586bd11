CREATE TABLE audit (id bigserial PRIMARY KEY, tag text, at timestamptz DEFAULT now());
