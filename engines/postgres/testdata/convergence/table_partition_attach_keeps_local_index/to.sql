CREATE TABLE jobs (queue text NOT NULL, id integer NOT NULL) PARTITION BY LIST (queue);
CREATE TABLE jobs_mail (queue text NOT NULL, id integer NOT NULL);
ALTER TABLE jobs ATTACH PARTITION jobs_mail FOR VALUES IN ('mail');
CREATE INDEX jobs_queue_id ON jobs (queue, id);
CREATE INDEX jobs_mail_local ON jobs_mail (queue, id);
