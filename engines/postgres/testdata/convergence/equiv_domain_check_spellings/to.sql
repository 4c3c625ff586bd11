CREATE DOMAIN public.status AS character varying(10)
    DEFAULT 'new'::character varying
    CONSTRAINT status_check CHECK (((VALUE)::text = ANY ((ARRAY['new'::character varying, 'done'::character varying])::text[])))
    CONSTRAINT status_check1 CHECK ((length((VALUE)::text) > 1));
