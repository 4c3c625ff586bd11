CREATE TABLE parent1 (id bigint NOT NULL, kind text);
CREATE TABLE parent2 (id bigint NOT NULL);
CREATE TABLE tickets (field1 text) INHERITS (parent1);
