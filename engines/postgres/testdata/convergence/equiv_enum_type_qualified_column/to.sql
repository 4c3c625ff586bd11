CREATE TYPE public.mood AS ENUM ('a', 'b');
CREATE TABLE t (m public.mood DEFAULT 'a'::public.mood);
