-- Widenings: every value the column holds fits the new type; no hazard.
CREATE TABLE t (
  v VARCHAR2(10),
  vc VARCHAR2(10 BYTE),
  n5 NUMBER(5),
  n5b NUMBER(5),
  np NUMBER(7,2),
  nany NUMBER(8,3),
  c CHAR(3),
  nv NVARCHAR2(20),
  ts TIMESTAMP(3),
  tz TIMESTAMP(3) WITH TIME ZONE,
  r RAW(16),
  iv INTERVAL DAY(2) TO SECOND(3)
);
