CREATE TABLE t (a integer, b text);
create view V as
  select T.A,
         b
    from public.T
   where ((a > 1));
