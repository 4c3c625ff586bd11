-- A plain column becomes a STORED generated one and back in place (MODIFY):
-- dropping a, which b and c are generated from, would be refused, and e
-- keeps its values.
CREATE TABLE u (
  a int GENERATED ALWAYS AS (1) STORED,
  b int GENERATED ALWAYS AS (a * 3) VIRTUAL,
  c int GENERATED ALWAYS AS (a * b) STORED,
  d int GENERATED ALWAYS AS (a + 5) STORED,
  e int
);
