-- Narrowings and changes of type: values may not fit; each carries a
-- may_fail_on_data hazard saying so (apply treats it as destructive).
CREATE TABLE t (
  v VARCHAR2(20),
  vc VARCHAR2(10 CHAR),
  n10 NUMBER(10),
  ns NUMBER(7,2),
  nscale NUMBER(5,2),
  nany NUMBER,
  c CHAR(8),
  nv VARCHAR2(20),
  ts TIMESTAMP(6),
  d DATE,
  r RAW(32),
  iv INTERVAL DAY(4) TO SECOND(6)
);
