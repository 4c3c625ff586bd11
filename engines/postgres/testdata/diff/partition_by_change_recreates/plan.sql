-- schemasync plan (postgres): 4 statements

SET lock_timeout = '5s';

-- hazard deletes_data: table public.m is dropped and created again to change partition_by; its rows are lost
-- hazard recreates_object: table public.m is recreated
DROP TABLE public.m;

CREATE TABLE public.m (
    id integer NOT NULL,
    at date NOT NULL
)
PARTITION BY RANGE (at);

CREATE TABLE public.m_1 PARTITION OF public.m
FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');

