CREATE TABLE jobs (queue text NOT NULL, id integer NOT NULL) PARTITION BY LIST (queue);
CREATE INDEX jobs_queue_id ON jobs (queue, id);
CREATE TABLE jobs_mail (queue text NOT NULL, id integer NOT NULL);
CREATE INDEX jobs_mail_local ON jobs_mail (queue, id);
