-- schemasync plan (postgres): 10 statements

SET lock_timeout = '5s';

DROP VIEW public.pv;

-- hazard recreates_object: type public.mood is recreated to remove or reorder labels
-- hazard may_fail_on_data: converting columns fails if they hold a removed label
ALTER TYPE public.mood RENAME TO mood_schemasync_old;

CREATE TYPE public.mood AS ENUM (
    'happy',
    'ok'
);

ALTER TABLE public.p ALTER COLUMN m DROP DEFAULT;

-- hazard rewrites_table: converting m to the new public.mood rewrites public.p
-- hazard may_fail_on_data: rows holding a removed label of public.mood make this fail
ALTER TABLE public.p ALTER COLUMN m TYPE public.mood USING m::text::public.mood;

ALTER TABLE public.p ALTER COLUMN m SET DEFAULT 'ok'::public.mood;

-- hazard rewrites_table: converting ms to the new public.mood rewrites public.p
-- hazard may_fail_on_data: rows holding a removed label of public.mood make this fail
ALTER TABLE public.p ALTER COLUMN ms TYPE public.mood[] USING ms::text[]::public.mood[];

CREATE VIEW public.pv AS
SELECT p.m
   FROM p;

DROP TYPE public.mood_schemasync_old;

