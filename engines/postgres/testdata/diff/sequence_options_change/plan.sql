-- schemasync plan (postgres): 4 statements

SET lock_timeout = '5s';

ALTER SEQUENCE public.s MINVALUE -5 MAXVALUE 9223372036854775807;

-- hazard may_fail_on_data: moves the current value of sequence public.s into its new range; a used value beyond the new maximum makes the next nextval fail
SELECT pg_catalog.setval(s, CASE WHEN v IS NULL THEN -5 ELSE greatest(-5, least(1000, v)) END, v IS NOT NULL AND v >= -5) FROM (SELECT 'public.s'::regclass AS s, pg_catalog.pg_sequence_last_value('public.s'::regclass) AS v) AS current_value;

ALTER SEQUENCE public.s AS integer INCREMENT BY 5 MINVALUE -5 MAXVALUE 1000 START WITH -5 CACHE 1 CYCLE;

