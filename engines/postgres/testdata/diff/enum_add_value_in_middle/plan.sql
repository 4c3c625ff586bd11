-- schemasync plan (postgres): 6 statements

SET lock_timeout = '5s';

ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';

ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'ok';

ALTER TYPE public.size ADD VALUE 'xs' BEFORE 'm';

ALTER TYPE public.size ADD VALUE 's' AFTER 'xs';

ALTER TYPE public.size ADD VALUE 'l';

