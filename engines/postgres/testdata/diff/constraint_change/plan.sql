-- schemasync plan (postgres): 10 statements

SET lock_timeout = '5s';

ALTER TABLE public.r DROP CONSTRAINT r_code_fkey;

ALTER TABLE public.p DROP CONSTRAINT p_code_check;

ALTER TABLE public.p DROP CONSTRAINT p_code_key;

ALTER TABLE public.p ADD CONSTRAINT p_code_check CHECK ((length(code) > 2)) NOT VALID;

-- hazard may_fail_on_data: adding constraint public.p.p_code_key fails if existing rows violate it
-- hazard blocking_lock: building the index of constraint public.p.p_code_key blocks writes to public.p
-- hazard index_build: constraint public.p.p_code_key builds an index over the whole table
ALTER TABLE public.p ADD CONSTRAINT p_code_key UNIQUE NULLS NOT DISTINCT (code);

ALTER TABLE public.r ADD CONSTRAINT r_code_fkey FOREIGN KEY (code) REFERENCES public.p(code) NOT VALID;

RESET lock_timeout;

-- hazard may_fail_on_data: validating constraint public.p.p_code_check fails if existing rows violate it
-- hazard not_transactional: VALIDATE CONSTRAINT runs outside a transaction, after the statements before it are committed
ALTER TABLE public.p VALIDATE CONSTRAINT p_code_check;

-- hazard may_fail_on_data: validating constraint public.r.r_code_fkey fails if existing rows violate it
-- hazard not_transactional: VALIDATE CONSTRAINT runs outside a transaction, after the statements before it are committed
ALTER TABLE public.r VALIDATE CONSTRAINT r_code_fkey;

