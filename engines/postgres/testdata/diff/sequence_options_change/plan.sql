-- schemasync plan (postgres): 1 statement

-- hazard may_fail_on_data: fails if the current value of sequence public.s lies outside its new range
ALTER SEQUENCE public.s AS integer INCREMENT BY 5 MINVALUE -5 MAXVALUE 1000 START WITH -5 CACHE 1 CYCLE;

