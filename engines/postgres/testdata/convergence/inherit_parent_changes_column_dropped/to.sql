-- tickets (after the parents in name order) moves to parent2 while parent1 loses the column tickets inherited:
-- NO INHERIT must come first, or the drop takes tickets's id too
CREATE TABLE parent1 (kind text);
CREATE TABLE parent2 (id bigint NOT NULL);
CREATE TABLE tickets (field1 text, id bigint NOT NULL, kind text) INHERITS (parent2);
